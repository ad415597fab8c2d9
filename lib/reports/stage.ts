// Reads one report file into PostgreSQL for the import (import.ts).
//
// Why COPY and set-based checks rather than a JavaScript parser per row: a report has a million rows,
// and reading them row by row in JavaScript (csv-parse, then zod) kept the one JavaScript thread busy
// for the whole import (measured: 70,000 rows/s, against the 100,000 the dashboard promises). Here
// the bytes go untouched to `COPY ... (FORMAT csv)` (PostgreSQL's own CSV reader, in C), into a staging
// table of text columns in the header's order; one query then checks every row with the same rules as
// format.ts's zod schema (rowSql below) and converts them, and import.ts writes them.
//
// Why the file is staged in UNLOGGED tables of its own, committed, rather than a temporary table in
// the import's transaction: other connections read them while the import's transaction writes
// (import.ts copyConverted), so that converting and writing run on several cores, and the writing is a
// COPY (PostgreSQL writes a page of rows per WAL record, not a row). Its rows are only the file again,
// so they need not survive a crash (UNLOGGED: no WAL); dropStaged drops them when the import ends, and
// stageReport drops any an import killed midway left behind (sweepStaged).
//
// Why in parts, on two connections: PostgreSQL reads CSV on one core per COPY, and staging a million
// rows on one connection was 1.5 s with the other core idle (the conversion waits for all of it). The
// file is cut every PART_BYTES at a line end, each part staged into a table of its own on the
// connections in turn, its line numbers starting where the part before it ended; a view (the staged
// table's name) puts them back together for the queries that read the whole file. A line end is a
// row's end only outside a quoted value, so the file is cut only before its first quote character:
// from there on it is one part (a file with quotes in its first rows is staged on one connection).
//
// format.ts stays the definition of a valid row: when the query finds a row it refuses, that row is
// read back and given to readRow, whose message the person sees ("Line 7: transactionAmountValue:
// 10.5 JPY: JPY has no decimal places"). A test (tests/integration/reports/row-checks.test.ts)
// gives both the same rows and requires the same verdict.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFAULT_EXPONENT, exponentExceptions, MAX_MINOR_VALUE } from '../money';
import { readRow, recogniseHeader, ReportRefused, rowDay, type ReportKind, type ReportRow } from './format';
import { ReportLines } from './lines';

export interface StageOptions {
  maxBytes: number;
  onProgress?: (progress: { bytes: number; rows: number }) => void;
}

export interface Staged {
  kind: ReportKind;
  /** Column index (0-based) of each header name. */
  columns: Map<string, number>;
  /** Data rows COPY took. */
  rows: number;
  /** The day the first row belongs to (format.ts rowDay), when it tells. */
  firstDay: string | null;
  sha256: string;
  /** The header's width, and where each COPY row sits in the file: to read a row back for its message. */
  width: number;
  lines: ReportLines;
  /**
   * The staging table (report_raw_<ms>_<hex>, a name made here, never from input): a view of the parts
   * in the file's order, with a column `line` (the row's number in the file's data, 1-based) and c1..cN.
   */
  table: string;
  /** The tables the file was staged into (report_raw_<ms>_<hex>_<k>), each a run of whole rows, in order. */
  parts: string[];
}

/** A part of the file staged on one connection (stageReport); the last part may be longer. */
export const PART_BYTES = 8 << 20;

/** Line ends in `bytes` (whole lines from ReportLines, blank ones dropped: its data rows, before any quote). */
const newlines = (bytes: Buffer) => {
  let n = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) n++;
  return n;
};

/** The report's fields, each as the text of the file ('' when absent), by the names format.ts reads. */
const FIELDS = [
  'transactionId',
  'transactionType',
  'transactionStatus',
  'transactionRequestId',
  'originalTransactionId',
  'originalTransactionRequestId',
  'paymentMethodType',
  'transactionAmountValue',
  'transactionCurrency',
  'transactionTime',
  'settlementBatchId',
  'settlementAmountValue',
  'settlementCurrency',
  'feeAmountValue',
  'feeCurrency',
  'settlementTime',
] as const;
type Field = (typeof FIELDS)[number];

/** Each field as `f.<alias>`: the file's text, '' when absent. */
const ALIAS: Record<Field, string> = {
  transactionId: 'tid',
  transactionType: 'typ',
  transactionStatus: 'st',
  transactionRequestId: 'req',
  originalTransactionId: 'otid',
  originalTransactionRequestId: 'oreq',
  paymentMethodType: 'pm',
  transactionAmountValue: 'amt',
  transactionCurrency: 'cur',
  transactionTime: 'tm',
  settlementBatchId: 'batch',
  settlementAmountValue: 'samt',
  settlementCurrency: 'scur',
  feeAmountValue: 'famt',
  feeCurrency: 'fcur',
  settlementTime: 'stm',
};

/**
 * The time shapes (digits written as 9) taken in SQL; a time of any other shape format.ts allows is
 * read by readRow instead. Each is a TIME_PATTERN shape (row-checks.test.ts).
 */
export const SQL_TIME_SHAPES = [
  '9999-99-99T99:99:99Z',
  '9999-99-99T99:99:99+99:99',
  '9999-99-99T99:99:99-99:99',
  '9999-99-99T99:99:99.999Z',
  '9999-99-99T99:99:99.999+99:99',
  '9999-99-99T99:99:99.999-99:99',
  '9999-99-99T99:99:99',
  '9999-99-99 99:99:99',
  '9999-99-99',
];
const ISO_CURRENCIES = Intl.supportedValuesOf('currency')
  .filter((c) => /^[A-Z]{3}$/.test(c))
  .map((c) => `'${c}'`)
  .join(', ');
const TIME_SHAPES = SQL_TIME_SHAPES.map((t) => `'${t}'`).join(', ');
/** The exponents' JSON (exponentsJson) in SQL: `$1` where the query takes parameters; a literal in COPY, which does not. */
type Exponents = '$1' | { literal: string };
const exponentsSql = (e: Exponents) => (e === '$1' ? '$1' : e.literal);

/**
 * The SQL that reads a staging table for one header: `converted`, the rows in the plain form a report is
 * written in (ASCII ends, no spaces around a value, upper-case codes, a known time shape), checked and
 * converted as readRow does; and `others`, the lines of every other row, which readOthers gives to
 * readRow. Every row `converted` takes is one format.ts takes and converts to the same values
 * (row-checks.test.ts). A column the header lacks is a constant here, not work per row; each value
 * used twice is computed once (OFFSET 0 keeps PostgreSQL from copying an expression into each use).
 * $1 is exponentsJson().
 */
function rowSql(
  columns: Map<string, number>,
  kind: ReportKind,
  source: string,
  exponents: Exponents,
): { converted: string; others: string } {
  const exponent = (currency: string) =>
    `coalesce((${exponentsSql(exponents)}::jsonb ->> ${currency})::int, ${DEFAULT_EXPONENT})`;
  const has = (n: Field) => columns.has(n);
  const present = FIELDS.filter(has);
  const v = (n: Field) => (has(n) ? `f.${ALIAS[n]}` : `''`);
  const g = (n: Field) => (has(n) ? `g.${ALIAS[n]}` : `''`);

  // Currencies (upper-cased; settlement and fee NULL when empty) and their exponents.
  const scur = has('settlementCurrency') ? `nullif(upper(f.scur), '')` : 'NULL::text';
  const fcur = has('feeCurrency') ? `coalesce(nullif(upper(f.fcur), ''), ${scur})` : scur;
  const derived = [
    `upper(${v('transactionCurrency')}) AS ucur`,
    `${exponent(`upper(${v('transactionCurrency')})`)} AS e`,
    `${scur} AS uscur`,
    `${fcur} AS ufcur`,
    has('settlementAmountValue') ? `${exponent(scur)} AS se` : null,
    has('feeAmountValue') ? `${exponent(fcur)} AS fe` : null,
  ].filter(Boolean);
  const digits = (a: string, e: string) =>
    `CASE WHEN ${a} = '' THEN '' ELSE ltrim(split_part(${a}, '.', 1), '-') || rpad(split_part(${a}, '.', 2), ${e}, '0') END`;
  const amounts = [
    `${digits(`d.${ALIAS.transactionAmountValue}`, 'd.e')} AS amt_digits`,
    has('settlementAmountValue') ? `${digits('d.samt', 'd.se')} AS samt_digits` : null,
    has('feeAmountValue') ? `${digits('d.famt', 'd.fe')} AS famt_digits` : null,
  ].filter(Boolean);
  const from = `(SELECT d.*, ${amounts.join(', ')}
    FROM (SELECT f.*, ${derived.join(', ')}
          FROM (SELECT r.line, ${present.map((n) => `coalesce(r.c${columns.get(n)! + 1}, '') AS ${ALIAS[n]}`).join(', ')}
                  FROM ${source} r OFFSET 0) f
          OFFSET 0) d
    OFFSET 0) g`;

  // Checks. The text fields and their lengths in bytes (never fewer than JavaScript's length).
  const TEXT_LENGTHS: [Field, number, number][] = [
    ['transactionId', 1, 64],
    ['transactionType', 1, 32],
    ['transactionStatus', 0, 32],
    ['transactionRequestId', 0, 64],
    ['originalTransactionId', 0, 64],
    ['originalTransactionRequestId', 0, 64],
    ['paymentMethodType', 0, 64],
    ['settlementBatchId', kind === 'SETTLEMENT' ? 1 : 0, 64],
  ];
  const lengths = TEXT_LENGTHS.map(([n, min, max]) =>
    has(n) ? `octet_length(${g(n)}) BETWEEN ${min} AND ${max}` : min === 0 ? 'true' : 'false',
  ).join(' AND ');
  // And every text field starts and ends with printable ASCII (so JavaScript's trim would change
  // nothing): one regular expression over them joined by \x01, not four functions a field, which was
  // the most costly part of the checks (measured on 1,000,000 rows: 1.6 s of 2.9 s). It finds a field
  // (between \x01s) whose first or last character is not printable ASCII. A field holding \x01 itself
  // is read as two there, which can only let through a field that starts or ends with \x01:
  // JavaScript's trim leaves \x01 alone, so that value is the one readRow would take too.
  const joined = TEXT_LENGTHS.filter(([n]) => has(n))
    .map(([n]) => g(n))
    .join(` || E'\\x01' || `);
  const ends = joined ? `(${joined}) COLLATE "C" !~ E'(^|\\x01)[^\\x01!-~]|[^\\x01!-~](\\x01|$)'` : 'true';
  // Upper-cased values must be ASCII for PostgreSQL's upper() to be JavaScript's toUpperCase().
  const ascii = (n: Field) => (has(n) ? `octet_length(${g(n)}) = length(${g(n)})` : 'true');
  const plainAmount = (a: string) =>
    `(${a} <> '' AND translate(${a}, '0123456789', '') IN ('', '.', '-', '-.') AND left(${a}, 1) <> '.' AND left(${a}, 2) NOT IN ('-', '-.')
      AND right(${a}, 1) NOT IN ('.', '-') AND strpos(${a}, '-') <= 1)`;
  const amountOk = (n: Field, d: string, e: string, currency: string) => {
    if (!has(n)) return n === 'transactionAmountValue' ? 'false' : 'true';
    const a = g(n);
    // CASE, not AND: SQL does not promise the order of AND, and the cast must only see digits.
    const ok = `(${currency} IS NOT NULL AND CASE WHEN ${plainAmount(a)} AND octet_length(split_part(${a}, '.', 2)) <= ${e}
      AND octet_length(${d}) BETWEEN 1 AND 10 THEN ${d}::int8 <= ${MAX_MINOR_VALUE} ELSE false END)`;
    return n === 'transactionAmountValue' ? ok : `(${a} = '' OR ${ok})`;
  };
  // A code as written in a report: upper-case, one of ISO 4217's (a list PostgreSQL looks up by hash).
  const currencyOk = (n: Field, required: boolean) => {
    if (!has(n)) return required ? 'false' : 'true';
    const ok = `${g(n)} IN (${ISO_CURRENCIES})`;
    return required ? ok : `(${g(n)} = '' OR ${ok})`;
  };
  const timeOk = (n: Field) =>
    has(n) ? `(${g(n)} = '' OR translate(${g(n)}, '0123456789', '9999999999') IN (${TIME_SHAPES}))` : 'true';
  const plain = `(${ends} AND ${lengths} AND ${ascii('transactionType')} AND ${ascii('transactionStatus')}
    AND ${currencyOk('transactionCurrency', true)} AND ${amountOk('transactionAmountValue', 'g.amt_digits', 'g.e', 'g.ucur')}
    AND ${currencyOk('settlementCurrency', false)} AND ${amountOk('settlementAmountValue', 'g.samt_digits', 'g.se', 'g.uscur')}
    AND ${currencyOk('feeCurrency', false)} AND ${amountOk('feeAmountValue', 'g.famt_digits', 'g.fe', 'g.ufcur')}
    AND ${timeOk('transactionTime')} AND ${timeOk('settlementTime')})`;

  const nullIfEmpty = (n: Field) => (has(n) ? `nullif(${g(n)}, '')` : 'NULL::text');
  const signed = (n: Field, d: string) =>
    has(n)
      ? `CASE WHEN ${g(n)} = '' THEN NULL WHEN left(${g(n)}, 1) = '-' THEN -(${d}::int) ELSE ${d}::int END`
      : 'NULL::int';
  const converted = `SELECT g.line::int AS line, ${g('transactionId')} AS transaction_id,
      upper(${g('transactionType')}) AS transaction_type,
      coalesce(nullif(upper(${g('transactionStatus')}), ''), 'SUCCESS') AS transaction_status,
      ${nullIfEmpty('transactionRequestId')} AS transaction_request_id,
      ${nullIfEmpty('originalTransactionId')} AS original_transaction_id,
      ${nullIfEmpty('originalTransactionRequestId')} AS original_transaction_request_id,
      g.amt_digits::int AS amount_value, g.ucur AS currency,
      ${nullIfEmpty('transactionTime')}::timestamptz AS transaction_time,
      ${nullIfEmpty('paymentMethodType')} AS payment_method_type, ${nullIfEmpty('settlementBatchId')} AS settlement_batch_id,
      ${signed('settlementAmountValue', 'g.samt_digits')} AS settlement_amount_value, g.uscur AS settlement_currency,
      ${signed('feeAmountValue', 'g.famt_digits')} AS fee_amount_value,
      ${has('feeAmountValue') ? `CASE WHEN ${g('feeAmountValue')} = '' THEN NULL ELSE g.ufcur END` : 'NULL::text'} AS fee_currency
    FROM ${from}
    WHERE ${plain}`;
  return { converted, others: `SELECT g.line FROM ${from} WHERE NOT ${plain} ORDER BY g.line` };
}

/**
 * The rows convertedRows takes, converted (see rowSql), from `source`: a staging table's name, or a
 * parenthesized query of some of its rows (one of several connections converting at once).
 */
export const convertedRows = (
  columns: Map<string, number>,
  kind: ReportKind,
  source: string,
  exponents: Exponents = '$1',
) => rowSql(columns, kind, source, exponents).converted;
const otherLines = (staged: Staged) => rowSql(staged.columns, staged.kind, staged.table, '$1').others;

/** $1 for the queries above. */
export function exponentsJson(): string {
  return JSON.stringify(Object.fromEntries(exponentExceptions()));
}

/**
 * A COPY error's line ("COPY report_raw_…, line 12, column c3: ..."), counted from the part's first
 * row (`firstRow`), as the file's line.
 */
function copyRefusal(
  error: { code?: string; where?: string; message: string },
  lines: ReportLines,
  firstRow: number,
): ReportRefused {
  const row = /line (\d+)/.exec(error.where ?? '')?.[1];
  return new ReportRefused(`Not valid CSV: ${error.message}`, row ? lines.fileLine(firstRow - 1 + Number(row)) : null);
}

const STAGED_PREFIX = 'report_raw_';
/** An import still running after this long is not (imports take seconds): its staging table is litter. */
const STALE_STAGED_MS = 24 * 3600_000;

/** The staging tables (parts) whose names begin with `prefix`. */
async function stagedTables(client: PoolClient, prefix: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND starts_with(c.relname::text, $1)`,
    [prefix],
  );
  return rows.map((r) => r.name);
}

/** Drops staging tables an import killed midway left behind (their names carry when they were made). */
async function sweepStaged(client: PoolClient): Promise<void> {
  const stale = (await stagedTables(client, STAGED_PREFIX)).filter(
    (name) => Number(/^report_raw_(\d+)_[0-9a-f]+(_\d+)?$/.exec(name)?.[1] ?? NaN) < Date.now() - STALE_STAGED_MS,
  );
  for (const name of stale) await client.query(`DROP TABLE IF EXISTS "${name}" CASCADE`);
}

/** Drops the file's staging table, its view and its parts (the import's last step, whatever its outcome). */
export async function dropStaged(client: PoolClient, table: string): Promise<void> {
  // The view goes with its parts (CASCADE); without parts there is no view.
  const parts = await stagedTables(client, `${table}_`);
  if (parts.length) await client.query(`DROP TABLE IF EXISTS ${parts.join(', ')} CASCADE`);
}

/**
 * Streams the file into staging tables of its own (parts, on the `lanes` connections in turn; see the
 * top of this file) and checks every row, outside any transaction (the tables are committed, for other
 * connections to read). Throws ReportRefused, saying why and where, for a file that is not whole and
 * valid. The caller drops the staging table (dropStaged) in every case: `onTable` tells it the name
 * before any part exists. The lanes are idle again when this returns or throws.
 */
export async function stageReport(
  lanes: PoolClient[],
  input: Readable,
  options: StageOptions & { onTable: (table: string) => void },
): Promise<Staged> {
  const client = lanes[0]!;
  const hash = createHash('sha256');
  const lines = new ReportLines(options.maxBytes);
  const source = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const bytesOf = (chunk: Buffer | string) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

  // Up to the header's line break: it names the kind and the columns, and so the table COPY fills.
  let first: Buffer | null = null;
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    const chunk = bytesOf(next.value);
    hash.update(chunk);
    first = lines.push(chunk);
    if (lines.header !== null) break;
  }
  const headerOnly = lines.header === null ? lines.finish() : null;
  const headerText = lines.header ?? '';
  if (headerText.trim() === '') throw new ReportRefused('The file is empty.', 0);
  let header: string[];
  try {
    header = (parse(headerText, { bom: true, relax_column_count: true }) as string[][])[0] ?? [];
  } catch (error) {
    throw new ReportRefused(`Not valid CSV: ${(error as Error).message}`, 1);
  }
  const { kind, columns } = recogniseHeader(header);
  if (headerOnly && !headerOnly.ended) {
    throw new ReportRefused('The file stops without <END>: it is incomplete, and none of it was imported.', 2);
  }

  const names = header.map((_, i) => `c${i + 1}`);
  await sweepStaged(client);
  const table = `${STAGED_PREFIX}${Date.now()}_${randomBytes(6).toString('hex')}`;
  options.onTable(table);

  // Each part is created and filled in one transaction, for COPY's FREEZE: its rows are written already
  // marked visible to all, so the first query reading them does not write every page again to say so.
  // Its line numbers start where the part before it ended and are taken 10,000 at a time (CACHE): one
  // COPY on one connection numbers them in order all the same, and a million rows staged 0.2 s sooner
  // (1.36–1.39 s against 1.53–1.61 s, measured).
  interface Part {
    table: string;
    firstRow: number;
    /** Buffers up to a part's size, so that the next part can go to the next connection meanwhile. */
    bytes: PassThrough;
    written: number;
    rows: Promise<number>;
  }
  const parts: Part[] = [];
  const laneFree: Promise<unknown>[] = lanes.map(() => Promise.resolve());
  // What went wrong in the parts, until the import stops them (their errors after that say only so).
  const failures: { part: number; error: unknown }[] = [];
  let stopping = false;
  /** Stops every part's COPY: a part waiting for its bytes, or for room to take more, fails at once. */
  const stopped = () => new Error('The import stopped.');
  const stop = () => {
    stopping = true;
    for (const p of parts) p.bytes.destroy(stopped());
  };

  async function copyPart(lane: PoolClient, part: Part): Promise<number> {
    await lane.query('BEGIN');
    try {
      await lane.query(
        `CREATE UNLOGGED TABLE ${part.table} (line bigint GENERATED ALWAYS AS IDENTITY (START WITH ${part.firstRow} CACHE 10000),
           ${names.map((n) => `${n} text`).join(', ')}) WITH (autovacuum_enabled = false)`,
      );
      const copy = lane.query(
        copyFrom(`COPY ${part.table} (${names.join(', ')}) FROM STDIN WITH (FORMAT csv, ENCODING 'UTF8', FREEZE)`),
      );
      await pipeline(part.bytes, copy);
      await lane.query('COMMIT');
      return copy.rowCount;
    } catch (error) {
      await lane.query('ROLLBACK').catch(() => {});
      const e = error as { code?: string; where?: string; message: string };
      throw e.code?.startsWith('22') ? copyRefusal(e, lines, part.firstRow) : error;
    }
  }
  function startPart(firstRow: number): Part {
    const k = parts.length;
    const lane = k % lanes.length;
    const part: Part = {
      table: `${table}_${k}`,
      firstRow,
      bytes: new PassThrough({ highWaterMark: PART_BYTES }),
      written: 0,
      // A part waits for the one before it on the same connection.
      rows: laneFree[lane]!.then(() => copyPart(lanes[lane]!, part)),
    };
    // Stopped before its COPY began (stop), it has no reader yet to hear why: its COPY then fails at once.
    part.bytes.on('error', () => {});
    laneFree[lane] = part.rows.catch(() => {});
    part.rows.catch((error) => {
      if (stopping) return;
      failures.push({ part: k, error });
      stop();
    });
    parts.push(part);
    return part;
  }

  // A line end is a row's end until the file's first quote character (a quoted value may hold one).
  let quoted = false;
  let part: Part | null = null;
  /** Whole lines (lines.push) to the parts: each ends at the first line end past PART_BYTES, while no quote came. */
  async function feed(chunk: Buffer) {
    while (chunk.length) {
      // Its rows are numbered on from the rows passed on so far (lines.dataLines counts this chunk already).
      part ??= startPart(lines.dataLines - newlines(chunk) + 1);
      let cut = chunk.length;
      if (!quoted && part.written + chunk.length >= PART_BYTES) {
        const end = chunk.indexOf(0x0a, Math.max(0, PART_BYTES - part.written - 1));
        if (end >= 0) cut = end + 1;
      }
      if (!quoted && chunk.subarray(0, cut).includes(0x22)) {
        quoted = true;
        cut = chunk.length;
      }
      part.written += cut;
      if (stopping) throw stopped();
      // (Not a race with a promise of the failure: each race would keep its chunk for as long as that
      // promise lives, the whole file.)
      if (!part.bytes.write(chunk.subarray(0, cut))) await once(part.bytes, 'drain');
      chunk = chunk.subarray(cut);
      if (!quoted && part.written >= PART_BYTES) {
        part.bytes.end();
        part = null;
      }
    }
  }

  let lastReported = 0;
  let rows = 0;
  try {
    let chunk = first;
    for (;;) {
      if (chunk) await feed(chunk);
      const next = await source.next();
      if (stopping) throw stopped();
      if (next.done) break;
      const bytes = bytesOf(next.value);
      hash.update(bytes);
      chunk = lines.push(bytes);
      if (lines.bytes - lastReported >= 1 << 20) {
        lastReported = lines.bytes;
        options.onProgress?.({ bytes: lines.bytes, rows: lines.dataLines });
      }
    }
    const last = part as Part | null; // set by feed
    if (last) last.bytes.end();
    else if (!parts.length) startPart(1).bytes.end(); // a file without data rows: one empty part
    rows = (await Promise.all(parts.map((p) => p.rows))).reduce((a, b) => a + b, 0);
  } catch (error) {
    // The other parts' COPYs are stopped, the input is closed, and each connection is idle again before
    // this throws what went wrong first in the file's order (a part's failure before the input's).
    stop();
    await source.return?.().catch(() => {});
    await Promise.all(laneFree);
    throw failures.sort((a, b) => a.part - b.part)[0]?.error ?? error;
  }
  const end = lines.finish();
  if (!end.ended) {
    throw new ReportRefused(
      'The file stops without <END>: it is incomplete, and none of it was imported.',
      end.stoppedAt,
    );
  }
  options.onProgress?.({ bytes: lines.bytes, rows: lines.dataLines });
  await client.query(`CREATE VIEW ${table} AS ${parts.map((p) => `SELECT * FROM ${p.table}`).join(' UNION ALL ')}`);

  let firstDay: string | null = null;
  if (rows > 0) {
    // The first row read as format.ts reads every row: a day the database could not place (2026-13-45)
    // refuses the file with the row's line here, before anything is written for that day.
    // Where one COPY into a new table put it (the first tuple of the first page), else found by a scan
    // of the whole table (0.07–0.16 s at a million rows).
    const at = async (from: string, where: string) =>
      (await client.query<Record<string, string | null>>(`SELECT * FROM ${from} WHERE ${where}`)).rows[0];
    const first = ((await at(parts[0]!.table, `ctid = '(0,1)'::tid AND line = 1`)) ?? (await at(table, 'line = 1')))!;
    const record = Array.from({ length: header.length }, (_, c) => first[`c${c + 1}`] ?? '');
    firstDay = rowDay(readRow(record, columns, lines.fileLine(1), kind), kind);
  }
  const staged = parts.map((p) => p.table);
  return {
    kind,
    columns,
    rows,
    firstDay,
    sha256: hash.digest('hex'),
    width: header.length,
    lines,
    table,
    parts: staged,
  };
}

/** The columns of a converted row, in convertedRows' order, with their SQL types (for unnest). */
export const ROW_FIELDS = [
  ['line', 'int'],
  ['transaction_id', 'text'],
  ['transaction_type', 'text'],
  ['transaction_status', 'text'],
  ['transaction_request_id', 'text'],
  ['original_transaction_id', 'text'],
  ['original_transaction_request_id', 'text'],
  ['amount_value', 'int'],
  ['currency', 'text'],
  ['transaction_time', 'timestamptz'],
  ['payment_method_type', 'text'],
  ['settlement_batch_id', 'text'],
  ['settlement_amount_value', 'int'],
  ['settlement_currency', 'text'],
  ['fee_amount_value', 'int'],
  ['fee_currency', 'text'],
] as const;

/** `unnest(...) AS t(...)` over ROW_FIELDS, its arrays as $from, $from+1, .... */
export const unnestRows = (from: number) =>
  `unnest(${ROW_FIELDS.map(([, t], i) => `$${from + i}::${t}[]`).join(', ')}) AS t(${ROW_FIELDS.map(([n]) => n).join(', ')})`;

/** Converted rows by column, for unnestRows. */
export class RowBatch {
  readonly columns: unknown[][] = ROW_FIELDS.map(() => []);
  size = 0;
  add(line: number, r: ReportRow): void {
    const values = [
      line,
      r.transactionId,
      r.transactionType,
      r.transactionStatus,
      r.transactionRequestId,
      r.originalTransactionId,
      r.originalTransactionRequestId,
      r.amountValue,
      r.currency,
      r.transactionTime,
      r.paymentMethodType,
      r.settlementBatchId,
      r.settlementAmountValue,
      r.settlementCurrency,
      r.feeAmountValue,
      r.feeCurrency,
    ];
    values.forEach((v, i) => this.columns[i]!.push(v));
    this.size++;
  }
}

/**
 * The rows convertedRows left out, read by readRow (format.ts) in the file's order: the first one that
 * is not valid refuses the file with readRow's message (and its line); the others go to `write` in
 * batches. Returns the count of each transaction type among them.
 */
export async function readOthers(
  client: PoolClient,
  staged: Staged,
  write: (batch: RowBatch) => Promise<void>,
): Promise<Record<string, number>> {
  const { columns, kind, lines, width } = staged;
  const others = await client.query<{ line: string }>(otherLines(staged), [exponentsJson()]);
  const typeCounts: Record<string, number> = {};
  const CHUNK = 5_000;
  for (let i = 0; i < others.rows.length; i += CHUNK) {
    const wanted = others.rows.slice(i, i + CHUNK).map((r) => Number(r.line));
    const found = await client.query<Record<string, string | null>>(
      `SELECT * FROM ${staged.table} WHERE line = ANY($1::bigint[]) ORDER BY line`,
      [wanted],
    );
    const batch = new RowBatch();
    for (const raw of found.rows) {
      const record = Array.from({ length: width }, (_, c) => raw[`c${c + 1}`] ?? '');
      const line = lines.fileLine(Number(raw.line));
      const row = readRow(record, columns, line, kind);
      batch.add(line, row);
      typeCounts[row.transactionType] = (typeCounts[row.transactionType] ?? 0) + 1;
    }
    await write(batch);
  }
  return typeCounts;
}

/**
 * When writing the converted rows still fails (a time PostgreSQL cannot place, say), the first row
 * readRow refuses says which and why.
 */
export async function explainWriteFailure(client: PoolClient, error: Error, staged: Staged): Promise<never> {
  const { lines, width } = staged;
  const CHUNK = 10_000;
  for (let after = 0; ; after += CHUNK) {
    const found = await client.query<Record<string, string | null>>(
      `SELECT * FROM ${staged.table} WHERE line > $1 AND line <= $2 ORDER BY line`,
      [after, after + CHUNK],
    );
    if (found.rows.length === 0) break;
    for (const raw of found.rows) {
      const record = Array.from({ length: width }, (_, i) => raw[`c${i + 1}`] ?? '');
      readRow(record, staged.columns, lines.fileLine(Number(raw.line)), staged.kind);
    }
  }
  throw new ReportRefused(`A row could not be written: ${error.message}`);
}
