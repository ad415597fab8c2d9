import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; in tests it has nothing to guard.
      'server-only': path.resolve(import.meta.dirname, 'tests/setup/server-only.ts'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
    globalSetup: ['tests/setup/global-database.ts'],
    testTimeout: 30_000,
    // The app's JSON log lines (lib/ops/log.ts) would bury the test report: warnings and errors only.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration files share one fresh database; each uses its own ids, so they may run in parallel.
    fileParallelism: true,
    // next-auth imports 'next/server' without the extension Node's own resolver needs: let Vite
    // resolve it (the sign-in, sign-out and proxy tests run Auth.js itself).
    server: { deps: { inline: ['next-auth'] } },
  },
});
