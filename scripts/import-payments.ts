// npm run import:payments -- ids.txt — "Look it up at Antom" for many ids: one paymentId or
// paymentRequestId a line (blank lines and # comments are skipped). Each id is asked of Antom
// (inquiryPayment on each channel in ANTOM_CHANNELS) one at a time through the engine's front door,
// and imported when Antom knows it; every look-up is in the audit log, as the system. Safe to
// rerun: an id already in the dashboard is not asked again, so a rerun retries only what Antom
// could not answer. Progress on stderr, the summary table on stdout; exit 1 when any line was bad
// or any id is still undecided (Antom unreachable, refused, or contradicting the dashboard).
import { readFileSync } from 'node:fs';
import nextEnv from '@next/env';
import { AntomConfigError, hasAntomGateway } from '../lib/antom';
import { createPrismaClient } from '../lib/db/client';
import { envOrExit } from '../lib/env';
import { lookupIdProblem, type LookupOutcome } from '../lib/payments/lookup';
import { lookupWords } from '../lib/payments/lookup-words';
import { CHANNEL_LABELS } from '../lib/payments/states';
import { createEngineDeps, importPaymentById, type RefundEngineDeps } from '../lib/refunds';

export const VIA = 'npm run import:payments';

export interface IdLine {
  line: number;
  id: string;
}

export interface ParsedIds {
  ids: IdLine[];
  /** Lines that cannot be ids (bad: the run exits 1) and repeated ids (asked once), in words. */
  problems: { line: number; text: string; problem: string; bad: boolean }[];
}

/** The file's ids in order, each once. Whitespace around an id is ignored; inside one it is an error. */
export function parseIdFile(text: string): ParsedIds {
  const ids: IdLine[] = [];
  const problems: ParsedIds['problems'] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const id = raw.trim();
      if (!id || id.startsWith('#')) return;
      const problem = lookupIdProblem(id);
      if (problem)
        return void problems.push({ line, text: id.slice(0, 80), problem: `not an id: ${problem}`, bad: true });
      const first = seen.get(id);
      if (first !== undefined)
        return void problems.push({ line, text: id, problem: `repeats line ${first}; asked once`, bad: false });
      seen.set(id, line);
      ids.push({ line, id });
    });
  return { ids, problems };
}

export type RowResult = LookupOutcome | { kind: 'ERROR'; message: string };

/** Short words for the table's result column. */
export function resultLabel(result: RowResult): string {
  switch (result.kind) {
    case 'IMPORTED':
      return result.status === 'SUCCESS' ? 'imported' : `imported, not refundable (${result.status})`;
    case 'HELD':
      return 'already in the dashboard';
    case 'NOT_FOUND':
      return 'not found at Antom';
    case 'UNAVAILABLE':
      return 'Antom unreachable: retry';
    case 'REFUSED':
      return `refused by Antom (${result.code ?? 'no code'})`;
    case 'CONFLICT':
      return 'conflict: nothing changed';
    case 'INVALID':
      return 'not an id';
    case 'ERROR':
      return 'error: nothing changed';
  }
}

/** Outcomes after which a rerun may still change something. */
export const UNDECIDED = new Set<RowResult['kind']>(['UNAVAILABLE', 'REFUSED', 'CONFLICT', 'INVALID', 'ERROR']);

/** A plain-text table: header, rule, rows; columns as wide as their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

export interface Row extends IdLine {
  result: RowResult;
}

export function summary(rows: Row[], problems: ParsedIds['problems'], gateway?: string): string {
  const out: string[] = [];
  out.push(
    table(
      ['line', 'id', 'result', 'channel', 'status', 'paymentId'],
      rows.map(({ line, id, result }) => [
        String(line),
        id,
        resultLabel(result),
        result.kind === 'IMPORTED' ? CHANNEL_LABELS[result.channel] : '',
        result.kind === 'IMPORTED' || result.kind === 'HELD' ? result.status : '',
        result.kind === 'IMPORTED' || result.kind === 'HELD' || result.kind === 'CONFLICT' ? result.paymentId : '',
      ]),
    ),
  );
  const counts = new Map<string, number>();
  for (const { result } of rows) {
    const label =
      result.kind === 'IMPORTED' && result.status !== 'SUCCESS'
        ? 'imported, not refundable'
        : resultLabel(result).replace(/ \(.*\)$/, '');
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  out.push(
    '',
    `${rows.length} id${rows.length === 1 ? '' : 's'}: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
  );
  const notes = rows.filter((r) => UNDECIDED.has(r.result.kind));
  if (notes.length) {
    out.push('', 'Not imported, and why:');
    for (const { line, id, result } of notes) {
      const text = result.kind === 'ERROR' ? result.message : lookupWords(id, result, gateway).text;
      out.push(`  line ${line} (${id}): ${text}`);
    }
    out.push('', 'Run the same command again to retry them: ids already imported are skipped.');
  }
  const notFound = rows.filter((r) => r.result.kind === 'NOT_FOUND');
  if (notFound.length) out.push('', `Not found: ${lookupWords(notFound[0]!.id, { kind: 'NOT_FOUND' }, gateway).text}`);
  if (problems.length) {
    out.push('', 'Lines skipped:');
    for (const p of problems) out.push(`  line ${p.line} (${p.text}): ${p.problem}`);
  }
  return out.join('\n');
}

/** One line of progress, redrawn in place on a terminal. */
function progressLine(done: number, total: number, rows: Row[], current?: string): string {
  const width = 24;
  const filled = total ? Math.round((done / total) * width) : width;
  const imported = rows.filter((r) => r.result.kind === 'IMPORTED').length;
  const undecided = rows.filter((r) => UNDECIDED.has(r.result.kind)).length;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  imported ${imported}, to retry ${undecided}${current ? `  ${current}` : ''}`;
}

export async function importIds(
  deps: RefundEngineDeps,
  ids: IdLine[],
  onProgress: (done: number, rows: Row[], next?: IdLine) => void = () => {},
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [i, entry] of ids.entries()) {
    onProgress(i, rows, entry);
    let result: RowResult;
    try {
      result = (await importPaymentById(deps, { id: entry.id, via: VIA })).outcome;
    } catch (error) {
      result = { kind: 'ERROR', message: error instanceof Error ? error.message : String(error) };
    }
    rows.push({ ...entry, result });
  }
  onProgress(ids.length, rows);
  return rows;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(argv: string[]) {
  nextEnv.loadEnvConfig(process.cwd());
  const env = envOrExit();
  const files = argv.filter((a) => a !== '--');
  if (files.length !== 1 || files[0] === '--help' || files[0] === '-h')
    fail(
      'Usage: npm run import:payments -- <file>\n' +
        '  <file>: one paymentId or paymentRequestId a line; blank lines and lines starting with # are skipped.',
    );
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(
      `Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(error)}.`,
    );
  }
  if (text.includes('\0')) fail(`${file} is not a text file: expected one id a line.`);
  const { ids, problems } = parseIdFile(text);
  for (const p of problems) console.error(`${file}:${p.line}: ${p.text}: ${p.problem}`);
  if (!ids.length)
    fail(
      `${file} has no ids to look up: one paymentId or paymentRequestId a line (blank lines and # comments are skipped).`,
    );

  if (!env.DATABASE_URL)
    fail("Cannot import: DATABASE_URL is not set (the import writes into the dashboard's database; use the app's).");
  if (!hasAntomGateway(env))
    fail(
      'Cannot import: no Antom is configured. Set ANTOM_GATEWAY_URL, ANTOM_CLIENT_ID, ANTOM_MERCHANT_PRIVATE_KEY and ' +
        'ANTOM_PUBLIC_KEY as the app has them (for a sandbox, the variables `npx tsx sandbox/main.ts` prints).',
    );
  const db = createPrismaClient(env.DATABASE_URL, { max: 2 });
  let deps: RefundEngineDeps;
  try {
    deps = createEngineDeps(db, env);
  } catch (error) {
    await db.$disconnect();
    if (error instanceof AntomConfigError) fail(`Cannot import: ${error.message}`);
    throw error;
  }
  const gateway = new URL(deps.antom.config.gatewayUrl).host;
  console.error(
    `Looking up ${ids.length} id${ids.length === 1 ? '' : 's'} at ${gateway} (${(deps.channels ?? []).map((c) => CHANNEL_LABELS[c]).join(', ')})`,
  );
  const tty = process.stderr.isTTY;
  try {
    const rows = await importIds(deps, ids, (done, rows, next) => {
      if (tty) process.stderr.write(`\r\x1b[2K${progressLine(done, ids.length, rows, next?.id)}`);
      else if (rows.length && done === rows.length)
        process.stderr.write(`${done}/${ids.length} ${rows.at(-1)!.id}: ${resultLabel(rows.at(-1)!.result)}\n`);
    });
    if (tty) process.stderr.write('\n');
    console.log(summary(rows, problems, gateway));
    process.exitCode = problems.some((p) => p.bad) || rows.some((r) => UNDECIDED.has(r.result.kind)) ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
