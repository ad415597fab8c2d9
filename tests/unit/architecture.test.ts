// ARCHITECTURE.md's module map stays true: it names every folder of the tree (and nothing that is
// gone), and the import rules it states are the ones ESLint enforces (eslint.config.mjs), shown
// here by linting one forbidden import per rule.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const map = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');

/** The paths named in the first column of the module map's tables: `lib/refunds/`, `lib/money.ts`… */
function mappedPaths(): string[] {
  const section = map.slice(map.indexOf('## Module map'), map.indexOf('### Who may do what'));
  const firstCells = section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|')[1]!);
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

function folders(dir: string): string[] {
  return readdirSync(path.join(root, dir))
    .filter((name) => statSync(path.join(root, dir, name)).isDirectory())
    .map((name) => `${dir}/${name}/`);
}

describe('ARCHITECTURE.md', () => {
  const named = mappedPaths();

  it('names every folder of lib/ and every top-level folder of code', () => {
    const expected = [
      ...folders('lib').filter((f) => f !== 'lib/refunds/'),
      'lib/refunds/',
      'lib/refunds/read/',
      'app/',
      'components/',
      'sandbox/',
      'tools/db/',
      'scripts/',
      'prisma/',
      'tests/',
    ];
    const missing = expected.filter((folder) => !named.includes(folder));
    expect(missing, `folders the module map does not name: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only what exists', () => {
    const gone = named.filter((p) => p !== 'lib/generated/' && !existsSync(path.join(root, p)));
    expect(gone, `the module map names what is not in the tree: ${gone.join(', ')}`).toEqual([]);
  });
});

describe('the import rules of the module map', () => {
  const eslint = new ESLint({ cwd: root });
  const ruleMessages = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['runtime never imports tooling', 'lib/refunds/example.ts', `import { startSandbox } from '../../sandbox/server';`],
    ['lib/ never reads the session', 'lib/payments/example.ts', `import { requireUser } from '../auth/session';`],
    ['no database in app/', 'app/(dashboard)/example.ts', `import { prisma } from '@/lib/db';`],
    [
      'one front door to the refund engine',
      'app/(dashboard)/example.ts',
      `import { submitRefund } from '@/lib/refunds/submit';`,
    ],
    ['components/ are below app/', 'components/example.tsx', `import { signOutAction } from '@/app/(auth)/sign-out';`],
    ['SQL builders are pure', 'lib/refunds/read/example-sql.ts', `import { prisma } from '../../db';`],
    ['the Antom layer knows no domain module', 'lib/antom/example.ts', `import { refundPayment } from '../refunds';`],
    [
      'the sandbox uses the Antom public module',
      'sandbox/example.ts',
      `import { signedHeaders } from '../lib/antom/signing';`,
    ],
  ])('%s', async (_rule, filePath, code) => {
    expect(
      await ruleMessages(filePath, `${code}\nexport const used = [${code.match(/\{ (\w+) \}/)![1]}];\n`),
    ).toHaveLength(1);
  });

  it('lets the allowed imports through', async () => {
    expect(
      await ruleMessages(
        'app/(dashboard)/example.ts',
        `import { refundPayment } from '@/lib/refunds';\nexport const used = [refundPayment];\n`,
      ),
    ).toEqual([]);
    expect(
      await ruleMessages(
        'sandbox/example.ts',
        `import { signedHeaders } from '../lib/antom';\nexport const used = [signedHeaders];\n`,
      ),
    ).toEqual([]);
    expect(
      await ruleMessages(
        'lib/auth/action.ts',
        `import { getSessionUser } from './session';\nexport const used = [getSessionUser];\n`,
      ),
    ).toEqual([]);
  });
});
