// The budgets of issue 6, checked against one run's figures, printed as one table and kept as JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExportResult } from './csv-export';
import type { PageJs } from './first-load-js';
import type { Timing } from './measure';
import type { IngestionResult } from './notify-ingestion';
import type { InitiationResult } from './refund-initiation';

export const BUDGETS = {
  oursOverFloor: 5,
  deepBaselineOverOurs: 20,
  exportRowsPerSecond: 100_000,
  exportMemoryGrowthMb: 100,
  initiationsPerSecond: 150,
  notificationsPerSecond: 800,
  writeP95Ms: 100,
  /** Per page, over Next.js's own root chunks (React and the router, which no page can trim). */
  firstLoadJsOverRootKb: 6,
  firstPageSeconds: 120,
};

export interface Check {
  what: string;
  pass: boolean;
}

export interface Row {
  name: string;
  /** Set on pages (list, search, detail, overview): what `npm run bench:compare` holds flat across sizes. */
  kind?: string;
  connections: number;
  timing: Timing;
  /** PostgreSQL's own time for the page's list SQL: EXPLAIN ANALYZE planning + execution, median. */
  sqlMs?: number;
  /** The same statements run as the app runs them (node-postgres, the socket), median. */
  queryMs?: number;
  /** The same page the common way (OFFSET + COUNT(*)): PostgreSQL's time, and as the app would run it. */
  baselineSqlMs?: number;
  baselineQueryMs?: number;
  /** Page p50 / SQL floor, and our query / SQL floor. */
  oursOverFloor?: number;
  queryOverFloor?: number;
  /** The common-way page (our p50 with our query swapped for the baseline's) / ours; and SQL / SQL. */
  baselineOverOurs?: number;
  baselineOverOursSql?: number;
  note?: string;
  checks: Check[];
}

export interface ListSql {
  sqlMs: number;
  queryMs: number;
  baselineSqlMs: number;
  baselineQueryMs: number;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits));
const check = (what: string, pass: boolean): Check => ({ what, pass });

/**
 * The "ours / SQL floor ≤ 5" and "baseline / ours ≥ 20" can be read for the whole page or
 * for the list query alone: both are checked, and labelled.
 */
export function pageRow(
  name: string,
  kind: string,
  connections: number,
  timing: Timing,
  p95BudgetMs: number,
  sql: ListSql | null,
  deep: boolean,
): Row {
  const row: Row = {
    name,
    kind,
    connections,
    timing,
    checks: [check(`p95 ≤ ${p95BudgetMs} ms`, timing.p95 <= p95BudgetMs)],
  };
  if (sql) {
    Object.assign(row, sql);
    row.oursOverFloor = timing.p50 / sql.sqlMs;
    row.queryOverFloor = sql.queryMs / sql.sqlMs;
    row.baselineOverOurs = (timing.p50 - sql.queryMs + sql.baselineQueryMs) / timing.p50;
    row.baselineOverOursSql = sql.baselineSqlMs / sql.sqlMs;
    const most = BUDGETS.oursOverFloor;
    row.checks.push(
      check(`page/SQL ≤ ${most}`, row.oursOverFloor <= most),
      check(`query/SQL ≤ ${most}`, row.queryOverFloor <= most),
    );
    if (deep) {
      const least = BUDGETS.deepBaselineOverOurs;
      row.checks.push(
        check(`base/ours page ≥ ${least}`, row.baselineOverOurs >= least),
        check(`base/ours SQL ≥ ${least}`, row.baselineOverOursSql >= least),
      );
    }
  }
  return finish(row);
}

function finish(row: Row): Row {
  if (row.timing.failures) row.checks.push(check('no failed requests', false));
  return row;
}

export function exportRow(e: ExportResult, cpu: Record<string, number>): Row {
  const timing: Timing = {
    count: e.rows,
    failures: 0,
    seconds: e.seconds,
    perSecond: e.rowsPerSecond,
    p50: NaN,
    p95: NaN,
    p99: NaN,
  };
  return finish({
    name: `CSV export, ${e.rows.toLocaleString('en')} refunds`,
    connections: 1,
    timing,
    note: `${fmt(e.seconds, 2)} s, ${Math.round(e.rowsPerSecond).toLocaleString('en')} rows/s; server RSS ${fmt(e.rssBeforeMb, 0)} → peak ${fmt(e.rssPeakMb, 0)} MB (+${fmt(e.memoryGrowthMb, 0)} MB), VmHWM ${fmt(e.hwmAfterMb, 0)} MB; ${cpuNote(cpu, e.totalSeconds)} (3 downloads)`,
    checks: [
      check(`≥ ${BUDGETS.exportRowsPerSecond / 1000}k rows/s`, e.rowsPerSecond >= BUDGETS.exportRowsPerSecond),
      check(`memory +< ${BUDGETS.exportMemoryGrowthMb} MB`, e.memoryGrowthMb < BUDGETS.exportMemoryGrowthMb),
      check('all rows', e.rows === e.expectedRows),
    ],
  });
}

export function writeRow(name: string, connections: number, timing: Timing, perSecond: number, note: string): Row {
  return finish({
    name,
    connections,
    timing,
    note,
    checks: [
      check(`≥ ${perSecond}/s`, timing.perSecond >= perSecond),
      check(`p95 ≤ ${BUDGETS.writeP95Ms} ms`, timing.p95 <= BUDGETS.writeP95Ms),
    ],
  });
}

/** "CPU s in 12.0 s: next 9.1, postgres 6.0, ..." (two cores: twice the seconds are available). */
export function cpuNote(cpu: Record<string, number>, seconds: number): string {
  const used = Object.entries(cpu)
    .map(([name, s]) => `${name} ${s.toFixed(1)}`)
    .join(', ');
  return `CPU s in ${seconds.toFixed(1)} s: ${used}`;
}

export function initiationRow(r: InitiationResult, connections: number, cpu: Record<string, number>): Row {
  const statuses = Object.entries(r.outcomes)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const note = `${statuses}; ${cpuNote(cpu, r.seconds)}`;
  return writeRow('refund initiation (engine, in-process)', connections, r, BUDGETS.initiationsPerSecond, note);
}

export function notifyRow(
  r: IngestionResult,
  connections: number,
  cpu: Record<string, number>,
  name = 'notifyRefund ingestion (HTTP)',
): Row {
  const note = `${r.applied} of ${r.sent} applied; ${cpuNote(cpu, r.seconds)}`;
  const row = writeRow(name, connections, r, BUDGETS.notificationsPerSecond, note);
  row.checks.push(check('every one applied', r.applied === r.sent));
  return row;
}

export function firstLoadRows(pages: PageJs[]): (PageJs & { overRootKb: number; budgetKb: number; pass: boolean })[] {
  return pages.map((p) => {
    const budgetKb = p.rootGzipKb + BUDGETS.firstLoadJsOverRootKb;
    return { ...p, overRootKb: p.gzipKb - p.rootGzipKb, budgetKb, pass: p.gzipKb <= budgetKb };
  });
}

export function printTable(rows: Row[], js: ReturnType<typeof firstLoadRows>): void {
  const header = [
    'scenario',
    'c',
    'n',
    'per s',
    'p50',
    'p95',
    'p99',
    'SQL ms',
    'query ms',
    'page/SQL (query/SQL)',
    'base/ours page (SQL)',
    'budgets',
  ];
  const lines = rows.map((r) => [
    r.name,
    String(r.connections),
    String(r.timing.count),
    fmt(r.timing.perSecond),
    fmt(r.timing.p50),
    fmt(r.timing.p95),
    fmt(r.timing.p99),
    fmt(r.sqlMs, 2),
    fmt(r.queryMs, 2),
    r.oursOverFloor === undefined ? '' : `${fmt(r.oursOverFloor, 0)} (${fmt(r.queryOverFloor)})`,
    r.baselineOverOurs === undefined ? '' : `${fmt(r.baselineOverOurs)} (${fmt(r.baselineOverOursSql, 0)})`,
    r.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.what}`).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const show = (cells: string[]) =>
    console.log(cells.map((c, i) => (i > 0 && i < 11 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
  show(header);
  for (const line of lines) show(line);
  for (const r of rows) if (r.note) console.log(`  ${r.name}: ${r.note}`);
  console.log(
    `\nfirst-load JavaScript, gzip (of which shared root chunks ${fmt(js[0]?.rootGzipKb)} KB; brotli in brackets):`,
  );
  for (const p of js) {
    const verdict = `${p.pass ? 'PASS' : 'FAIL'} ≤ root + ${BUDGETS.firstLoadJsOverRootKb} KB = ${fmt(p.budgetKb)} KB`;
    console.log(
      `  ${p.route.padEnd(32)} ${fmt(p.gzipKb).padStart(6)} KB (${fmt(p.brotliKb)}), root + ${fmt(p.overRootKb)} KB (Next.js layout ${fmt(p.nextLayoutGzipKb)}, ours ${fmt(p.overRootKb - p.nextLayoutGzipKb)})  ${verdict}`,
    );
  }
}

/** One run as JSON (tests/bench/results/<stamp>.json), with the machine it ran on, to compare runs by. */
export async function writeResults(dir: string, stamp: string, results: Record<string, unknown>): Promise<string> {
  const machine = {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
  };
  const file = path.join(dir, `${stamp}.json`);
  await mkdir(dir, { recursive: true });
  await writeFile(file, JSON.stringify({ stamp, machine, ...results }, null, 2));
  return file;
}
