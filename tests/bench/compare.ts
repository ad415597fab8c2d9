// npm run bench:compare -- A.json B.json — two runs of `npm run bench` (tests/bench/results/*.json),
// typically at 1M and at 10M payments: per page, p95 of B over p95 of A. Every list, search, detail
// and the overview must stay within MAX_RATIO (issue 17: cost stays flat as data grows); the other
// rows are shown for reference. Exits 1 when a page misses, or when a page of A is missing from B.
//
// Either side may be several runs of the same data, comma-separated (A1.json,A2.json B1.json,B2.json):
// a page's p95 on that side is then the median of its runs' p95s. On a shared two-core machine one
// run's p95 moves by more than the 20% allowed between runs of the same data (the layout-only page,
// which reads no data, measured 1.28× between a 1M and a 10M run), so one pair of runs cannot tell
// cost that grows with the data from a noisy minute.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Row } from './report';

export const MAX_RATIO = 1.2;

interface Run {
  stamp: string;
  machine?: { nproc?: number; cpu?: string; memoryGiB?: number };
  database?: { description?: string; sizes?: Record<string, number> };
  rows: Row[];
}

export interface Comparison {
  name: string;
  kind: string | undefined;
  p95A: number;
  p95B: number;
  ratio: number;
  /** null for rows without the flat-cost target (writes, the export). */
  pass: boolean | null;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs of the same data as one: each page's p95 the median of the runs' p95s (pages in every run only). */
export function combineRuns(runs: Run[]): Run {
  if (runs.length === 1) return runs[0]!;
  const [first, ...rest] = runs as [Run, ...Run[]];
  const rows = first.rows.flatMap((row): Row[] => {
    const same = rest.map((run) => run.rows.find((r) => r.name === row.name));
    if (same.some((r) => !r)) return [];
    const p95 = median([row, ...(same as Row[])].map((r) => r.timing.p95));
    return [{ ...row, timing: { ...row.timing, p95 } }];
  });
  return { ...first, stamp: runs.map((r) => r.stamp).join(', '), rows };
}

export function compareRuns(a: Run, b: Run): { rows: Comparison[]; missing: string[] } {
  const inB = new Map(b.rows.map((r) => [r.name, r]));
  const rows: Comparison[] = [];
  const missing: string[] = [];
  for (const rowA of a.rows) {
    const rowB = inB.get(rowA.name);
    if (!rowB) {
      if (rowA.kind) missing.push(rowA.name);
      continue;
    }
    const ratio = rowB.timing.p95 / rowA.timing.p95;
    rows.push({
      name: rowA.name,
      kind: rowA.kind,
      p95A: rowA.timing.p95,
      p95B: rowB.timing.p95,
      ratio,
      pass: rowA.kind ? ratio <= MAX_RATIO : null,
    });
  }
  return { rows, missing };
}

async function readRuns(files: string): Promise<Run> {
  return combineRuns(await Promise.all(files.split(',').map(readRun)));
}

async function readRun(file: string): Promise<Run> {
  let run: Run;
  try {
    run = JSON.parse(await readFile(file, 'utf8')) as Run;
  } catch (error) {
    throw new Error(`Cannot read ${file} as a bench result: ${error instanceof Error ? error.message : error}`);
  }
  if (!Array.isArray(run.rows)) throw new Error(`${file} is not a bench result (no rows).`);
  return run;
}

const describe = (label: string, file: string, run: Run) =>
  `${label}: ${file} (${run.stamp}; payments ${run.database?.sizes?.payments?.toLocaleString('en') ?? '?'}, refunds ${
    run.database?.sizes?.refunds?.toLocaleString('en') ?? '?'
  }; nproc ${run.machine?.nproc ?? '?'})`;

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 2) {
    console.error(
      'Usage: npm run bench:compare -- A.json[,A2.json…] B.json[,B2.json…]   (p95 of B over p95 of A, per page; ' +
        'several runs of a side: the median of their p95s)',
    );
    return 2;
  }
  const [fileA, fileB] = positionals as [string, string];
  const [a, b] = await Promise.all([readRuns(fileA), readRuns(fileB)]);
  console.log(describe('A', fileA, a));
  console.log(describe('B', fileB, b));
  const { rows, missing } = compareRuns(a, b);
  const width = Math.max(8, ...rows.map((r) => r.name.length));
  console.log(
    `\n${'page'.padEnd(width)}  ${'kind'.padEnd(8)}  ${'p95 A'.padStart(8)}  ${'p95 B'.padStart(8)}  ${'B/A'.padStart(5)}  target`,
  );
  for (const r of rows) {
    const verdict = r.pass === null ? '' : `${r.pass ? 'PASS' : 'MISS'} ≤ ${MAX_RATIO}`;
    console.log(
      `${r.name.padEnd(width)}  ${(r.kind ?? '-').padEnd(8)}  ${r.p95A.toFixed(1).padStart(8)}  ${r.p95B
        .toFixed(1)
        .padStart(8)}  ${r.ratio.toFixed(2).padStart(5)}  ${verdict}`,
    );
  }
  for (const name of missing) console.log(`${name}: in A but not in B: MISS`);
  const misses = rows.filter((r) => r.pass === false).length + missing.length;
  console.log(
    misses ? `\n${misses} page(s) miss p95 B/A ≤ ${MAX_RATIO}.` : `\nEvery page within p95 B/A ≤ ${MAX_RATIO}.`,
  );
  return misses ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
