// What PostgreSQL itself needs for a page's SQL: EXPLAIN ANALYZE of the same statements, sent through
// the same Prisma adapter as the app's. TIMING OFF: per-node clocks would slow big scans (the
// baseline's) far more than small ones; the total is still measured. Planning counts too: every
// query the app sends is planned afresh (no prepared statements).
import { Prisma, type Db } from '../../lib/db/client';
import { queryRows } from '../../lib/db/sql';

interface ExplainRow {
  'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number; Plan: { 'Actual Rows': number } }];
}

export async function explainAnalyze(db: Db, sql: Prisma.Sql): Promise<{ ms: number; rows: number }> {
  const [row] = await db.$queryRaw<ExplainRow[]>(Prisma.sql`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`);
  const result = row!['QUERY PLAN'][0];
  return { ms: result['Planning Time'] + result['Execution Time'], rows: result.Plan['Actual Rows'] };
}

/** Median over `runs` of the summed time of the statements one page runs (after one warm-up run). */
export async function sqlTime(db: Db, statements: Prisma.Sql[], runs = 9): Promise<number> {
  const totals: number[] = [];
  for (let i = 0; i <= runs; i++) {
    let total = 0;
    for (const sql of statements) total += (await explainAnalyze(db, sql)).ms;
    if (i > 0) totals.push(total);
  }
  return median(totals);
}

/** Median over `runs` of running the statements as the app does (node-postgres on Prisma's pool, the network), after one warm-up run. */
export async function clientTime(db: Db, statements: Prisma.Sql[], runs = 9): Promise<number> {
  const totals: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    for (const sql of statements) await queryRows(db, sql);
    if (i > 0) totals.push(performance.now() - started);
  }
  return median(totals);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
