// npm test: type check, lint, formatting, unit + integration tests (vitest, on a fresh database), the
// integration tests once more against the machine's own PostgreSQL on 127.0.0.1:5432 when one listens
// there (so a release's external server, PostgreSQL 15 on these machines, is covered as well as the
// embedded 18), then the browser tests (Playwright in Chromium, against `npm start` on another fresh
// database). Stops at the first stage that fails and exits with its code.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
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

/** The PostgreSQL a server install puts on this machine (user postgres, trust), tested besides the embedded one. */
const SYSTEM_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** That server's version, or why it cannot be used (one line). */
async function systemPostgres(): Promise<{ version: string } | { skipped: string }> {
  const client = new pg.Client({ connectionString: SYSTEM_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    return { version: rows[0]!.version };
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    return { skipped: `no PostgreSQL usable at 127.0.0.1:5432 as user postgres without a password (${reason})` };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The integration suite (not unit or browser tests: they do not depend on the server's version) on a
 * throw-away database of the system PostgreSQL; tests/setup/global-database.ts creates and drops it.
 */
async function runOnSystemPostgres(firstServerUrl: string): Promise<boolean> {
  const title = 'Integration tests on the system PostgreSQL (127.0.0.1:5432)';
  const first = new URL(firstServerUrl);
  if (['127.0.0.1', 'localhost'].includes(first.hostname) && (first.port || '5432') === '5432') {
    console.log(`\n▶ ${title}: skipped, the tests above already ran on it (TEST_DATABASE_URL or DATABASE_URL).`);
    return true;
  }
  const found = await systemPostgres();
  if ('skipped' in found) {
    console.log(`\n▶ ${title}: skipped, ${found.skipped}.`);
    return true;
  }
  const env: NodeJS.ProcessEnv = { ...process.env, TEST_DATABASE_URL: SYSTEM_POSTGRES_URL };
  delete env.DATABASE_URL; // TEST_DATABASE_URL wins anyway; this keeps the two from disagreeing in a test
  return run(`${title}, PostgreSQL ${found.version}`, bin('vitest'), ['run', 'tests/integration'], env);
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
    if (!only || only === 'unit' || only === 'system-postgres') {
      if (!(await runOnSystemPostgres(server.adminUrl))) return 1;
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
