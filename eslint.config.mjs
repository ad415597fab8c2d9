import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The module map of ARCHITECTURE.md, enforced: each block says what one folder may not import.
// Change both together (tests/unit/architecture.test.ts checks that the map names every folder).
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});
const group = (names, message) => ({ group: names, message });

const TOOLING = group(
  ['**/sandbox/**', '**/tools/**', '**/scripts/**', '**/tests/**', '@/sandbox/*', '@/tools/*', '@/scripts/*'],
  'Runtime code never imports tooling (sandbox/, tools/, scripts/, tests/): ARCHITECTURE.md, "Runtime and tooling".',
);
const UI = group(['@/app/*', '@/components/*', '**/app/**', '**/components/**'], 'lib/ is below app/ and components/.');
const SESSION = group(
  ['**/auth/session', '@/lib/auth/session'],
  'lib/ never reads the session: take the acting user (Actor) and authorize() it. ARCHITECTURE.md, "Who may do what".',
);
const DATABASE = group(
  ['@/lib/db', '@/lib/db/*', '@/lib/generated/*'],
  'No database access in app/ or components/: call the domain module in lib/ (ARCHITECTURE.md, "Module map").',
);
const ENGINE_INSIDE = group(
  [
    '@/lib/refunds/*',
    '!@/lib/refunds/app-deps',
    '!@/lib/refunds/states',
    '!@/lib/refunds/reasons',
    '!@/lib/refunds/read',
    '!@/lib/refunds/read/*',
  ],
  "The refund engine's write side has one front door: import '@/lib/refunds' (ARCHITECTURE.md, \"A refund's path\").",
);

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Plain <a> links on purpose: next/link's client code would be most of a page's own JavaScript
      // (issue 6, first-load JS budget); pages are server-rendered and load fast as documents.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  restrict(['lib/**/*.{ts,tsx}'], [TOOLING, UI, SESSION]),
  // The session's own module, and the action wrapper that reads it for every server action.
  restrict(['lib/auth/session.ts', 'lib/auth/action.ts'], [TOOLING, UI]),
  restrict(
    ['lib/antom/**/*.ts'],
    [
      TOOLING,
      UI,
      SESSION,
      group(
        ['**/refunds', '**/refunds/**', '**/payments/**', '**/auth/**', '**/users/**'],
        'The Antom layer knows no domain module.',
      ),
    ],
  ),
  // Antom's reports (lib/reports/): payments through lib/payments/record.ts, refunds made elsewhere through SQL
  // refund_record_external; never the refund engine itself.
  restrict(
    ['lib/reports/**/*.ts'],
    [
      TOOLING,
      UI,
      SESSION,
      group(
        ['**/refunds', '**/refunds/**', '@/lib/refunds', '@/lib/refunds/*'],
        'lib/reports does not call the refund engine (ARCHITECTURE.md, "Module map").',
      ),
    ],
  ),
  // Bulk refunds (lib/bulk-refunds/): every row is a refund made through the engine's front door.
  restrict(
    ['lib/bulk-refunds/**/*.ts'],
    [
      TOOLING,
      UI,
      SESSION,
      group(
        ['**/refunds/*', '!**/refunds/states', '!**/refunds/app-deps', '!**/refunds/read', '!**/refunds/read/*'],
        "lib/bulk-refunds uses the refund engine's front door: '../refunds' (ARCHITECTURE.md, \"Module map\").",
      ),
    ],
  ),
  restrict(
    ['lib/refunds/read/*-sql.ts'],
    [
      TOOLING,
      UI,
      group(['**/auth/**', '**/db', '**/db/**', 'react'], 'SQL builders are pure: no session, database or React.'),
    ],
  ),
  restrict(
    ['app/**/*.{ts,tsx}'],
    [
      DATABASE,
      ENGINE_INSIDE,
      group(['**/sandbox/**', '**/tools/**', '@/sandbox/*', '@/tools/*'], 'app/ never imports tooling.'),
    ],
  ),
  // The health probe reports on the database itself (its reachability and migrations).
  restrict(['app/api/health/route.ts'], [ENGINE_INSIDE]),
  restrict(
    ['components/**/*.{ts,tsx}'],
    [DATABASE, ENGINE_INSIDE, group(['@/app/*', '**/app/**'], 'components/ are below app/.')],
  ),
  restrict(
    ['sandbox/**/*.ts'],
    [
      group(
        ['**/lib/antom/*', '**/lib/antom/**'],
        "The sandbox uses the Antom layer's public module only: '../lib/antom'.",
      ),
    ],
  ),
  globalIgnores([
    '.next/**',
    '.data/**',
    '.scratch/**',
    'release/**',
    'lib/generated/**',
    'test-results/**',
    'playwright-report/**',
    'tests/artifacts/**',
    'next-env.d.ts',
  ]),
]);
