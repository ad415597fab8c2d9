// npm test: type check, lint, formatting, unit + integration tests (vitest, on a fresh database), then the
// browser tests (Playwright in Chromium, against `npm start` on another fresh database).
// Stops at the first stage that fails and exits with its code.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR, dropDatabase, ensureDatabase, startTestDatabaseServer } from '../tools/db/local-server';
import { assertLocalDatabase } from '../tests/setup/assert-local-database';

const bin = (name: string) => path.join('node_modules', '.bin', name);

// The stages get the raw environment (plus TEST_DATABASE_URL): each checks it itself (lib/env.ts).
function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed after ${seconds}s`);
    return false;
  }
  console.log(`✔ ${title} (${seconds}s)`);
  return true;
}

async function main(): Promise<number> {
  const only = process.argv[2]; // npm test -- e2e | unit  (run one stage while working)
  if (!only || only === 'static') {
    if (!run('Type check', bin('tsc'), ['--noEmit'])) return 1;
    if (!run('Lint', bin('eslint'), ['--max-warnings=0', '.'])) return 1;
    if (
      !run('Formatting (prettier --check; `npm run format` fixes it)', bin('prettier'), [
        '--check',
        '--log-level=warn',
        '.',
      ])
    )
      return 1;
  }

  const server = await startTestDatabaseServer();
  assertLocalDatabase(server.adminUrl);
  const e2eDatabase = `antom_e2e_${Date.now()}`;
  try {
    const env = { ...process.env, TEST_DATABASE_URL: server.adminUrl };
    if (!only || only === 'unit') {
      if (!run('Unit and integration tests (vitest)', bin('vitest'), ['run'], env)) return 1;
    }
    if (!only || only === 'e2e') {
      await ensureDatabase(server, e2eDatabase);
      const e2eEnv = { ...env, E2E_DATABASE_URL: server.urlFor(e2eDatabase) };
      if (!run('Browser tests (Playwright, Chromium)', bin('playwright'), ['test'], e2eEnv)) return 1;
    }
    return 0;
  } finally {
    await dropDatabase(server, e2eDatabase).catch(() => {});
    rmSync(path.join(DATA_DIR, 'sandbox', e2eDatabase), { recursive: true, force: true });
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
