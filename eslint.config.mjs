import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
  globalIgnores(['.next/**', '.data/**', '.scratch/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**', 'next-env.d.ts']),
]);
