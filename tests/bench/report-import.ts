// The reports part of `npm run bench` (issue 13): a generated transaction details report of a day with
// 1,000,000 payments (BENCH_REPORT_ROWS to change), all held by the dashboard (a few with another
// status, so the reconciliation finds something), imported through lib/reports as `npm run import:report`
// does; then that day reconciled again on its own. On a database of its own (created, migrated, dropped
// again) on the PostgreSQL server at `adminUrl`, so the scale data is never touched.
// Budgets: at least 100,000 rows/s for the import (file to our books), memory growth (this process's RSS)
// under 150 MB, reconciliation of the day under 5 s (both the one that follows the import and a second run).
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { createPrismaClient, poolOf } from '../../lib/db/client';
import { toMajorString } from '../../lib/money';
import { importReport, reconcile } from '../../lib/reports';
import { END_MARKER, TRANSACTION_COLUMNS } from '../../lib/reports/format';
import { applyMigrations } from '../../tools/db/migrations';

export const REPORT_BUDGETS = { rowsPerSecond: 100_000, memoryGrowthMb: 150, reconcileSeconds: 5 };

const DAY = '2026-11-30';
const CURRENCIES = ['USD', 'JPY', 'KWD', 'EUR'] as const;

export interface ReportBenchResult {
  rows: number;
  fileBytes: number;
  /** File to our books (staged, checked, written, applied). */
  importSeconds: number;
  /** The import and then the day's reconciliation, as importReport runs them. */
  totalSeconds: number;
  /** The reconciliation inside the import, and the one run again on its own. */
  reconcileRuns: number[];
  rowsPerSecond: number;
  memoryGrowthMb: number;
  reconcileSeconds: number;
  differences: number;
  pass: { rowsPerSecond: boolean; memory: boolean; reconcile: boolean };
}

const amountOf = (i: number) => 1_000 + (i % 9_000);
const currencyOf = (i: number) => CURRENCIES[i % CURRENCIES.length]!;

async function writeReportFile(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(TRANSACTION_COLUMNS.join(',') + '\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const id = String(i).padStart(9, '0');
    const currency = currencyOf(i);
    // One payment in a thousand is PROCESSING at Antom: a payment-status difference each.
    const status = i % 1000 === 0 ? 'PROCESSING' : 'SUCCESS';
    chunk += `BENCH_MERCHANT,Antom,BP${id},,BREQ_${id},,PAYMENT,${status},ALIPAY_CN,${toMajorString({ value: amountOf(i), currency })},${currency},${DAY}T10:00:00Z\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk + END_MARKER + '\n');
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

export async function benchReportImport(adminUrl: string, rows = Number(process.env.BENCH_REPORT_ROWS ?? 1_000_000)) {
  const name = `antom_report_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = path.join(os.tmpdir(), name);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `transactionDetails_BENCH_${DAY.replaceAll('-', '')}.csv`);
  const db = createPrismaClient(url.toString(), { max: 4 });
  try {
    await applyMigrations(url.toString());
    console.log(`Reports: ${rows} payments on ${DAY} in the dashboard, and Antom's report of them…`);
    const fill = new pg.Client({ connectionString: url.toString() });
    await fill.connect();
    await fill.query(
      `INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at, paid_at, updated_at)
       SELECT 'BP' || lpad(i::text, 9, '0'), 'BREQ_' || lpad(i::text, 9, '0'), 'ONLINE', 1000 + i % 9000,
              ($2::text[])[1 + i % 4], 'ALIPAY_CN', 'SUCCESS', $3::date + interval '10 hours', $3::date + interval '10 hours', now()
         FROM generate_series(1, $1::int) i`,
      [rows, CURRENCIES, DAY],
    );
    await fill.query('VACUUM ANALYZE payments');
    // As pgbench does before its runs: the fill's dirty pages written now, not by a checkpoint that the
    // fill's WAL would start in the middle of the import.
    await fill.query('CHECKPOINT');
    await fill.end();
    const fileBytes = await writeReportFile(file, rows);

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    // The import (file to our books) and the day's reconciliation that follows it have a budget each
    // (issue 13); importReport times both, and the whole is shown beside them.
    const started = performance.now();
    const result = await importReport(db, null, createReadStream(file), { fileName: path.basename(file) });
    const totalSeconds = (performance.now() - started) / 1000;
    const importSeconds = result.seconds.import;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    // Reconciled again on its own: the run that finds the differences known already.
    const reconcileStarted = performance.now();
    const again = await reconcile(db, { from: DAY, to: DAY });
    const againSeconds = (performance.now() - reconcileStarted) / 1000;
    const reconcileSeconds = Math.max(result.seconds.reconcile, againSeconds);

    const rowsPerSecond = Math.round(result.rows / importSeconds);
    const memoryGrowthMb = Math.round(((peak - before) / 1024 / 1024) * 10) / 10;
    const out: ReportBenchResult = {
      rows: result.rows,
      fileBytes,
      importSeconds: Math.round(importSeconds * 100) / 100,
      totalSeconds: Math.round(totalSeconds * 100) / 100,
      reconcileRuns: [result.seconds.reconcile, againSeconds].map((x) => Math.round(x * 100) / 100),
      rowsPerSecond,
      memoryGrowthMb,
      reconcileSeconds: Math.round(reconcileSeconds * 100) / 100,
      differences: again.found,
      pass: {
        rowsPerSecond: rowsPerSecond >= REPORT_BUDGETS.rowsPerSecond,
        memory: memoryGrowthMb < REPORT_BUDGETS.memoryGrowthMb,
        reconcile: reconcileSeconds < REPORT_BUDGETS.reconcileSeconds,
      },
    };
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      [
        `  import of ${out.rows.toLocaleString('en-US')} rows (${(fileBytes / 1e6).toFixed(0)} MB): ${out.importSeconds} s, ` +
          `${rowsPerSecond.toLocaleString('en-US')} rows/s (budget ≥ ${REPORT_BUDGETS.rowsPerSecond.toLocaleString('en-US')}) ${verdict(out.pass.rowsPerSecond)}`,
        `  memory growth ${memoryGrowthMb} MB (budget < ${REPORT_BUDGETS.memoryGrowthMb}) ${verdict(out.pass.memory)}`,
        `  reconciliation of the day: ${out.reconcileRuns[0]} s after the import, ${out.reconcileRuns[1]} s run again, ` +
          `${out.differences} differences (budget < ${REPORT_BUDGETS.reconcileSeconds} s) ${verdict(out.pass.reconcile)}`,
        `  file to differences, both together: ${out.totalSeconds} s`,
      ].join('\n'),
    );
    return out;
  } finally {
    // The database is dropped below with its connections: an idle client ended that way is no error here.
    poolOf(db).on('error', () => {});
    await db.$disconnect();
    await rm(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
