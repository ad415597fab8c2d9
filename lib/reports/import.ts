// Imports one Antom report file (format.ts), streamed, never read whole:
//   1. stage.ts streams it into a staging table (COPY) and checks every row by format.ts's rules. A
//      file that ends without `<END>`, or with a row that does not validate, is refused whole (nothing
//      is written) with the line where it stopped.
//   2. In one transaction: the same bytes imported before (SHA-256) change nothing; otherwise the rows
//      are written by Antom's transactionId, and a file for a day that already has one supersedes it,
//      recording what changed (rows added, removed, changed).
//   3. Then applied (idempotent, so an import interrupted here is completed by importing again):
//      payments we do not hold are imported through lib/payments/record.ts, refunds we did not make are
//      recorded as external refunds (SQL refund_record_external: they hold their amount at once), and
//      the report's day is reconciled (reconcile.ts).
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { poolOf, Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { recordNewPayments } from '../payments/record';
import type { PaymentStatus } from '../payments/states';
import { KNOWN_TYPES, ReportRefused, type ReportKind } from './format';
import {
  convertedRows,
  dropStaged,
  explainWriteFailure,
  exponentsJson,
  readOthers,
  ROW_FIELDS,
  stageReport,
  unnestRows,
  type Staged,
} from './stage';
import { reconcile, type ReconcileResult } from './reconcile';
import { REFUND_REQUEST_ID } from '../ids';

/** Files larger than this are refused (bytes). Documented in README.md; `--max-bytes` on the command line. */
export const DEFAULT_MAX_REPORT_BYTES = 1024 ** 3;

export interface ImportProgress {
  bytes: number;
  rows: number;
}

export interface ImportOptions {
  fileName: string;
  /** Bytes; DEFAULT_MAX_REPORT_BYTES when absent. */
  maxBytes?: number;
  /** The file's size when known, for a progress bar. */
  totalBytes?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** The day the report is for, when its rows cannot tell (an empty report). */
  reportDate?: string;
  /** For reconciliation's T+2 rule. */
  now?: Date;
}

export interface ReportChanges {
  added: number;
  removed: number;
  changed: number;
  /** A few of each, for people. */
  examples: { transactionId: string; transactionType: string; change: string }[];
}

export interface ImportResult {
  status: 'IMPORTED' | 'UNCHANGED';
  reportId: string;
  kind: ReportKind;
  reportDate: string;
  rows: number;
  typeCounts: Record<string, number>;
  unknownTypes: number;
  /** The report this one superseded, and what changed. */
  superseded: { reportId: string; changes: ReportChanges } | null;
  applied: ApplyResult;
  reconciliation: ReconcileResult;
  /**
   * Wall-clock seconds: the import (file to our books: staged, checked, written, applied) and then the
   * day's reconciliation, each with its own budget (`npm run bench`) and shown apart by the command line.
   */
  seconds: { import: number; reconcile: number };
  /** How the work was shared: the parts the file was staged in, and the connections that converted it. */
  parallel: { parts: number; converters: number };
}

export interface ApplyResult {
  paymentsImported: number;
  /** Payments the report contradicts (ids paired differently, another amount): not written, reconciled as differences. */
  paymentConflicts: number;
  externalRecorded: number;
  /** External refunds the payment could not hold, or whose payment we do not hold: reconciled as differences. */
  externalRefused: number;
}

/**
 * A report row's columns in antom_report_rows after its key and report, with their types there: named
 * by the upserts, and cast to by copyConverted, whose binary COPY sends each value in its type's own
 * binary form (a length or a char's padding is checked and applied by the column as it takes the value).
 */
const ROW_TYPES = [
  ['transaction_status', 'varchar'],
  ['transaction_request_id', 'varchar'],
  ['original_transaction_id', 'varchar'],
  ['original_transaction_request_id', 'varchar'],
  ['amount_value', 'int4'],
  ['currency', 'bpchar'],
  ['transaction_time', 'timestamptz'],
  ['payment_method_type', 'varchar'],
  ['settlement_batch_id', 'varchar'],
  ['settlement_amount_value', 'int4'],
  ['settlement_currency', 'bpchar'],
  ['fee_amount_value', 'int4'],
  ['fee_currency', 'bpchar'],
] as const;
const ROW_COLUMNS = ROW_TYPES.map(([name]) => name).join(', ');
const UPSERT_SET = `ON CONFLICT (kind, transaction_id, transaction_type) DO UPDATE SET
  report_id = EXCLUDED.report_id, report_date = EXCLUDED.report_date,
  ${ROW_TYPES.map(([name]) => `${name} = EXCLUDED.${name}`).join(', ')}`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A transaction twice in one file (same transactionId and type): the file is not Antom's whole word. */
const twice = () =>
  new ReportRefused('The same transaction (transactionId and transactionType) appears twice in the file.');

const countTypes = (rows: { type: string; n: string | number }[]) =>
  Object.fromEntries(rows.map((r) => [r.type, Number(r.n)])) as Record<string, number>;
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const sum = { ...a };
  for (const [type, n] of Object.entries(b)) sum[type] = (sum[type] ?? 0) + n;
  return sum;
};

/**
 * The report this file supersedes: the day's current one of its kind, if any. The day's lock (an
 * advisory lock on kind and day, for the transaction) makes two imports of one day queue, so one
 * supersedes the other.
 */
async function lockDay(client: PoolClient, kind: ReportKind, reportDate: string): Promise<string | null> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('antom_report:' || $1 || ':' || $2))`, [kind, reportDate]);
  const previous = await client.query<{ id: string }>(
    `SELECT id FROM antom_reports WHERE kind = $1::"ReportKind" AND report_date = $2::date AND superseded_at IS NULL
      ORDER BY imported_at DESC LIMIT 1`,
    [kind, reportDate],
  );
  return previous.rows[0]?.id ?? null;
}

/**
 * Runs one statement that writes the converted rows. A transaction listed twice in the file (one
 * statement cannot write a row twice: 21000) refuses the file; a value PostgreSQL cannot take (22xxx,
 * a time out of range, say) is explained by the first row readRow refuses.
 */
async function writeRows(client: PoolClient, staged: Staged, sql: string, params: unknown[]) {
  await client.query('SAVEPOINT report_rows');
  try {
    const result = await client.query(sql, params);
    await client.query('RELEASE SAVEPOINT report_rows');
    return result;
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT report_rows');
    const code = (error as { code?: string }).code;
    if (code === '21000') throw twice();
    if (code?.startsWith('22')) await explainWriteFailure(client, error as Error, staged);
    throw error;
  }
}

/** Past this many, the payments a file brings that we do not hold are found again after the import (applyReport). */
const MAX_UNHELD_NOTED = 50_000;

/** A binary COPY stream's header (signature, no flags, no extension) and its end (a field count of -1). */
const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/**
 * Reads one converting connection's binary COPY output (copyConverted) on its way to antom_report_rows,
 * tuple by tuple: each starts with a flag (true for a payment we hold under neither id) that it takes
 * off, then the transaction type, which it counts, then the transactionId, which it notes when flagged.
 * A tuple is a 16-bit field count, then each field as a 32-bit length (-1 for NULL) and its bytes. It
 * passes on whole tuples only, without the stream's header and end: several of these feed one COPY,
 * which gets one header and one end (copyConverted).
 */
class ConvertedRows extends Transform {
  private readonly seen = new Map<string, number>();
  /** The flagged transactionIds; null once there were more than MAX_UNHELD_NOTED. */
  unheld: string[] | null = [];
  private rest: Buffer | null = null;
  private headerRead = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    const out: Buffer[] = [];
    let at = 0;
    if (!this.headerRead) {
      // "PGCOPY\n\xff\r\n\0", 32-bit flags, 32-bit length of a header extension, the extension.
      const end = buf.length >= 19 ? 19 + buf.readInt32BE(15) : Infinity;
      if (buf.length < end) {
        this.rest = buf;
        return done();
      }
      at = end;
      this.headerRead = true;
    }
    while (buf.length - at >= 2) {
      const fields = buf.readInt16BE(at);
      if (fields === -1) {
        at += 2;
        continue;
      }
      // Where the tuple ends; it is whole when every field's length and bytes are in the buffer.
      let end = at + 2;
      let f = 0;
      for (; f < fields && end + 4 <= buf.length; f++) end += 4 + Math.max(0, buf.readInt32BE(end));
      if (f < fields || end > buf.length) break;
      // The flag is a boolean: length 1 at at+2, its byte at at+6; the type's length and bytes follow.
      const flagged = buf[at + 6] === 1;
      const typeLength = buf.readInt32BE(at + 7);
      this.count(buf.toString('utf8', at + 11, at + 11 + typeLength));
      if (flagged && this.unheld) {
        const idAt = at + 11 + typeLength;
        const id = buf.toString('utf8', idAt + 4, idAt + 4 + buf.readInt32BE(idAt));
        if (this.unheld.length < MAX_UNHELD_NOTED) this.unheld.push(id);
        else this.unheld = null;
      }
      // The tuple without its flag: one field fewer, counted where the flag's length ended.
      buf.writeInt16BE(fields - 1, at + 5);
      out.push(buf.subarray(at + 5, end));
      at = end;
    }
    this.rest = at < buf.length ? buf.subarray(at) : null;
    if (out.length) this.push(Buffer.concat(out));
    done();
  }

  private count(type: string): void {
    this.seen.set(type, (this.seen.get(type) ?? 0) + 1);
  }

  get counts(): Record<string, number> {
    return Object.fromEntries(this.seen);
  }
}

/** The chunks of several streams as each comes, one at a time; an error in any ends it (and the others). */
async function* interleave(streams: AsyncIterable<Buffer>[]): AsyncGenerator<Buffer> {
  const iterators = streams.map((stream) => stream[Symbol.asyncIterator]());
  const next = (i: number) => {
    const read = iterators[i]!.next().then((result) => ({ i, result }));
    read.catch(() => {}); // seen by Promise.race below; not an unhandled rejection while another is awaited
    return read;
  };
  const pending = new Map(iterators.map((_, i) => [i, next(i)]));
  try {
    while (pending.size) {
      const { i, result } = await Promise.race(pending.values());
      if (result.done) pending.delete(i);
      else {
        pending.set(i, next(i));
        yield result.value as Buffer;
      }
    }
  } finally {
    // On an error (or when the consumer stops), the streams still open are closed.
    for (const i of pending.keys()) await iterators[i]!.return?.().catch(() => {});
  }
}

/**
 * From this many rows, two connections convert a staged file at once (copyConverted): the conversion
 * (each row's checks, and the look-up of its payment) is the import's slowest part, and one PostgreSQL
 * process does one query on one core. Measured on 1,000,000 rows on two cores: with one, that process
 * was busy 91% of the time and the machine idle 26%.
 */
export const SPLIT_FROM_ROWS = 50_000;

/**
 * Writes the staged rows convertedRows takes as a day's first file, by `COPY antom_report_rows FROM
 * STDIN` in the import's transaction (`client`), fed by `COPY (converted rows) TO STDOUT` (both binary)
 * on the `converters` connections (the staging's lanes; only the first for a file of fewer than
 * SPLIT_FROM_ROWS rows), each converting its own share of every part's pages: converting and writing
 * run at once, on several server processes, and COPY writes a page of rows per WAL record where INSERT
 * writes one per row (measured on 1,000,000 rows: 1.9 s against 5.3 s for the table alone). The same
 * pass looks up each payment row in `payments`, so that applyReport need not read the whole file's rows
 * again to find the few we do not hold.
 * Returns the count of each transaction type written, those payments' transactionIds (null when there
 * were too many to keep: applyReport then finds them itself), and how many connections converted. On
 * failure the transaction is as before the call (a savepoint); the converters are left mid-COPY and
 * must be discarded. Throws PostgreSQL's error: 23505 when the table holds one of the transactions already.
 */
async function copyConverted(
  client: PoolClient,
  converters: PoolClient[],
  staged: Staged,
  [kind, reportId, reportDate]: string[],
): Promise<{ typeCounts: Record<string, number>; unheld: string[] | null; converters: number }> {
  const used = staged.rows >= SPLIT_FROM_ROWS ? converters : converters.slice(0, 1);
  const literal = (value: string) => client.escapeLiteral(value);
  const exponents = { literal: literal(exponentsJson()) };
  const sources = await converterSources(client, staged, used.length);
  const readers = used.map((converter, i) =>
    convertedStream(
      converter,
      // Binary on both sides: neither server writes each value out as text for the other to parse back
      // (perf: a fifth of the writing server's time went to reading text rows and their dates, ids and numbers).
      `COPY (SELECT coalesce(${UNHELD_PAYMENT('c')}, false) AS unheld, c.transaction_type::varchar, c.transaction_id::varchar,
                    ${literal(kind!)}::"ReportKind", ${literal(reportId!)}::uuid, ${literal(reportDate!)}::date,
                    ${ROW_TYPES.map(([name, type]) => `c.${name}::${type}`).join(', ')}
               FROM (${convertedRows(staged.columns, staged.kind, sources[i]!, exponents)}) c) TO STDOUT (FORMAT binary)`,
    ),
  );
  async function* merged(): AsyncGenerator<Buffer> {
    yield COPY_HEADER;
    yield* interleave(readers);
    yield COPY_TRAILER;
  }
  await client.query('SAVEPOINT report_rows');
  const into = client.query(
    copyFrom(
      `COPY antom_report_rows (transaction_type, transaction_id, kind, report_id, report_date, ${ROW_COLUMNS}) FROM STDIN (FORMAT binary)`,
    ),
  );
  try {
    await pipeline(Readable.from(merged()), into);
    await client.query('RELEASE SAVEPOINT report_rows');
  } catch (error) {
    for (const r of readers) r.destroy();
    await client.query('ROLLBACK TO SAVEPOINT report_rows');
    if ((error as { code?: string }).code?.startsWith('22')) await explainWriteFailure(client, error as Error, staged);
    throw error;
  }
  const typeCounts = readers.reduce<Record<string, number>>((sum, r) => addCounts(sum, r.counts), {});
  const noted = readers.map((r) => r.unheld);
  const unheld = noted.some((u) => u === null) ? null : noted.flatMap((u) => u!);
  return {
    typeCounts,
    unheld: unheld && unheld.length <= MAX_UNHELD_NOTED ? unheld : null,
    converters: used.length,
  };
}

/**
 * The staged rows cut into `n` shares, as FROM items: one converter's share is its range of each
 * part's pages (a TID range scan reads only its own pages; the first range from the start, the last to
 * the end), so every converter has about as much to do whatever the parts' sizes. One share is the
 * staged table itself.
 */
async function converterSources(client: PoolClient, staged: Staged, n: number): Promise<string[]> {
  if (n === 1) return [staged.table];
  const { rows } = await client.query<{ pages: string }>(
    `SELECT pg_relation_size(t::regclass) / current_setting('block_size')::int AS pages
       FROM unnest($1::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`,
    [staged.parts],
  );
  return Array.from({ length: n }, (_, i) => {
    const shares = staged.parts.map((part, k) => {
      const step = Math.ceil(Number(rows[k]!.pages) / n);
      const range = [i > 0 && `r.ctid >= '(${i * step},0)'::tid`, i < n - 1 && `r.ctid < '(${(i + 1) * step},0)'::tid`]
        .filter(Boolean)
        .join(' AND ');
      return `SELECT * FROM ${part} r WHERE ${range}`;
    });
    return `(${shares.join(' UNION ALL ')})`;
  });
}

/** `sql` (a COPY ... TO STDOUT of converted rows) run on `converter`, read tuple by tuple (ConvertedRows). */
function convertedStream(converter: PoolClient, sql: string): ConvertedRows {
  const out = converter.query(copyTo(sql));
  const rows = new ConvertedRows();
  // A conversion can fail before the merge reads `rows` (a time PostgreSQL cannot place, in the first
  // row): the error is kept by the stream and thrown when the merge reads it, not emitted unheard.
  rows.on('error', () => {});
  out.on('error', (error) => rows.destroy(error));
  out.pipe(rows);
  return rows;
}

/**
 * A report's payment row that names a payment we hold under neither of its ids (`x` a row of
 * antom_report_rows or of convertedRows): applyReport imports those. As SQL, for both to say alike.
 */
const UNHELD_PAYMENT = (x: string) =>
  `(${x}.transaction_type = 'PAYMENT' AND ${x}.transaction_request_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.payment_id = ${x}.transaction_id)
    AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.payment_request_id = ${x}.transaction_request_id))`;

const CHANGE_EXAMPLES = 20;

/** Rows of types the dashboard does not act on (kept and counted). */
const unknownCount = (typeCounts: Record<string, number>) =>
  Object.entries(typeCounts)
    .filter(([t]) => !(KNOWN_TYPES as readonly string[]).includes(t))
    .reduce((n, [, c]) => n + c, 0);

/**
 * Imports one report file. `actor` is the person (ADMIN) who uploads it, or null for the command line
 * (audited as SYSTEM). Throws ReportRefused, which says why and where, for a file that is not imported.
 */
export async function importReport(
  db: Db,
  actor: Actor | null,
  input: Readable,
  options: ImportOptions,
): Promise<ImportResult> {
  if (actor) authorize(actor, 'importReports');
  const started = performance.now();
  const pool = poolOf(db);
  // `client` holds the import's transaction; `source` and, when the pool can lend a third, `helper`
  // stage the file outside it and feed copyConverted (stage.ts says why).
  const client = await pool.connect();
  const source = await pool.connect();
  const helper = (pool.options.max ?? 10) >= 3 ? await pool.connect() : null;
  const lanes = helper ? [source, helper] : [source];
  let table: string | null = null;
  // Left mid-COPY (copyConverted failed): discarded, and the staging table dropped on a fresh connection.
  let lanesBroken = false;
  let staged: Staged;
  let reportId: string;
  let reportDate: string;
  let status: ImportResult['status'] = 'IMPORTED';
  let superseded: ImportResult['superseded'] = null;
  let typeCounts: Record<string, number> = {};
  // The payments the file brings that we do not hold, when the write found them (copyConverted).
  let unheld: string[] | null = null;
  let converters = 1;
  try {
    staged = await stageReport(lanes, input, {
      maxBytes: options.maxBytes ?? DEFAULT_MAX_REPORT_BYTES,
      onProgress: options.onProgress,
      onTable: (name) => (table = name),
    });
    await client.query('BEGIN');
    const day = options.reportDate ?? staged.firstDay;
    if (!day || !DAY.test(day)) {
      throw new ReportRefused('The report has no rows to tell its day from: give the day it is for.');
    }
    reportDate = day;
    const previousId = await lockDay(client, staged.kind, reportDate);

    const same = await client.query<{ id: string; report_date: string; type_counts: Record<string, number> }>(
      `SELECT id, to_char(report_date, 'YYYY-MM-DD') AS report_date, type_counts FROM antom_reports WHERE sha256 = $1`,
      [staged.sha256],
    );
    if (same.rows[0]) {
      // The same bytes again: nothing changes (whatever this import wrote is rolled back).
      await client.query('ROLLBACK');
      status = 'UNCHANGED';
      reportId = same.rows[0].id;
      reportDate = same.rows[0].report_date;
      typeCounts = same.rows[0].type_counts;
    } else {
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO antom_reports (id, kind, file_name, sha256, report_date, row_count, unknown_type_count, type_counts,
                                    supersedes_id, imported_by_id)
         VALUES (uuid_v7(), $1::"ReportKind", left($2, 256), $3, $4::date, $5, 0, '{}'::jsonb, $6::uuid, $7::uuid)
         RETURNING id`,
        [staged.kind, options.fileName, staged.sha256, reportDate, staged.rows, previousId, actor?.id ?? null],
      );
      reportId = inserted.rows[0]!.id;
      const converted = convertedRows(staged.columns, staged.kind, staged.table);
      const upsert = (from: string, offset: number, onConflict = UPSERT_SET) =>
        `INSERT INTO antom_report_rows AS o (kind, transaction_id, transaction_type, report_id, report_date, ${ROW_COLUMNS})
         SELECT $${offset + 1}::"ReportKind", transaction_id, transaction_type, $${offset + 2}::uuid,
                $${offset + 3}::date, ${ROW_COLUMNS} FROM ${from}
         ${onConflict}`;
      const keys = [staged.kind, reportId, reportDate];

      if (previousId) {
        // A corrected file for the day: its rows staged first, to say what changed.
        await writeRows(client, staged, `CREATE TEMP TABLE report_stage ON COMMIT DROP AS ${converted}`, [
          exponentsJson(),
        ]);
        const counted = await client.query<{ type: string; n: string }>(
          `SELECT transaction_type AS type, count(*) AS n FROM report_stage GROUP BY 1`,
        );
        typeCounts = countTypes(counted.rows);
        if (total(typeCounts) < staged.rows) {
          const others = await readOthers(client, staged, async (batch) => {
            await client.query(
              `INSERT INTO report_stage (${ROW_FIELDS.map(([n]) => n).join(', ')}) SELECT * FROM ${unnestRows(1)}`,
              batch.columns,
            );
          });
          typeCounts = addCounts(typeCounts, others);
        }
        const changes = await describeChanges(client, staged.kind, previousId, reportDate);
        await client.query(`UPDATE antom_reports SET changes = $2::jsonb WHERE id = $1`, [
          reportId,
          JSON.stringify(changes),
        ]);
        await client.query(`UPDATE antom_reports SET superseded_at = now() WHERE id = $1`, [previousId]);
        superseded = { reportId: previousId, changes };
        await writeRows(client, staged, upsert('report_stage', 0), keys);
        // Rows the superseded file had and this one does not: Antom no longer reports them for this day.
        // (By kind and day, through their index: a report's rows all carry its day.)
        await client.query(
          `DELETE FROM antom_report_rows WHERE kind = $1::"ReportKind" AND report_date = $2::date AND report_id = $3::uuid`,
          [staged.kind, reportDate, previousId],
        );
      } else {
        // The day's first file: rows in the plain form checked, converted and written by COPY
        // (copyConverted); any others then read by readRow. COPY cannot update, and a day's first file
        // rarely holds a transaction an earlier day's file listed; when one does (23505), the upsert.
        try {
          ({ typeCounts, unheld, converters } = await copyConverted(client, lanes, staged, keys));
        } catch (error) {
          lanesBroken = true;
          if ((error as { code?: string }).code !== '23505') throw error;
          const written = await writeRows(
            client,
            staged,
            `WITH written AS (${upsert(`(${converted}) c`, 1)} RETURNING transaction_type)
             SELECT transaction_type AS type, count(*) AS n FROM written GROUP BY 1`,
            [exponentsJson(), ...keys],
          );
          typeCounts = countTypes(written.rows as { type: string; n: string }[]);
        }
        if (total(typeCounts) < staged.rows) {
          const others = await readOthers(client, staged, async (batch) => {
            // A row this file already wrote is not updated (the WHERE): the same transaction twice.
            const result = await client
              .query(
                `${upsert(unnestRows(1), ROW_FIELDS.length)} WHERE o.report_id IS DISTINCT FROM EXCLUDED.report_id`,
                [...batch.columns, ...keys],
              )
              .catch((error: { code?: string }) => {
                throw error.code === '21000' ? twice() : error;
              });
            if (result.rowCount !== batch.size) throw twice();
          });
          typeCounts = addCounts(typeCounts, others);
        }
      }
      await client.query(`UPDATE antom_reports SET unknown_type_count = $2, type_counts = $3::jsonb WHERE id = $1`, [
        reportId,
        unknownCount(typeCounts),
        JSON.stringify(typeCounts),
      ]);
      await client.query(
        `INSERT INTO audit_logs (id, actor_type, actor_id, action, details)
         VALUES (uuid_v7(), $1::"ActorType", $2::uuid, 'report.imported', $3::jsonb)`,
        [
          actor ? 'USER' : 'SYSTEM',
          actor?.id ?? null,
          JSON.stringify({
            reportId,
            kind: staged.kind,
            fileName: options.fileName,
            reportDate,
            rows: staged.rows,
            supersedes: previousId,
            changes: superseded ? { ...superseded.changes, examples: undefined } : null,
          }),
        ],
      );
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
    if (lanesBroken) for (const lane of lanes) lane.release(true);
    else helper?.release();
    const dropper = lanesBroken ? await pool.connect() : source;
    try {
      // Not fatal: a table left behind is dropped by a later import (stage.ts sweepStaged).
      if (table) await dropStaged(dropper, table).catch(() => {});
    } finally {
      dropper.release();
    }
  }

  const applied = await applyReport(db, staged.kind, reportDate, options.fileName, unheld);
  const imported = performance.now();
  const reconciliation = await reconcile(db, { from: reportDate, to: reportDate, now: options.now });
  return {
    status,
    reportId,
    kind: staged.kind,
    reportDate,
    rows: staged.rows,
    typeCounts,
    unknownTypes: unknownCount(typeCounts),
    superseded,
    applied,
    reconciliation,
    seconds: { import: (imported - started) / 1000, reconcile: (performance.now() - imported) / 1000 },
    parallel: { parts: staged.parts.length, converters },
  };
}

async function describeChanges(
  client: PoolClient,
  kind: ReportKind,
  previousId: string,
  reportDate: string,
): Promise<ReportChanges> {
  const { rows } = await client.query<{
    added: string;
    removed: string;
    changed: string;
    examples: ReportChanges['examples'] | null;
  }>(
    `WITH s AS (SELECT DISTINCT ON (transaction_id, transaction_type) * FROM report_stage
                 ORDER BY transaction_id, transaction_type, line DESC),
          o AS (SELECT * FROM antom_report_rows
                 WHERE kind = $1::"ReportKind" AND report_date = $3::date AND report_id = $2::uuid),
          d AS (
            SELECT 'added' AS what, s.transaction_id, s.transaction_type,
                   format('added: %s %s %s', s.amount_value, s.currency, s.transaction_status) AS change
              FROM s WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.transaction_id = s.transaction_id AND o.transaction_type = s.transaction_type)
            UNION ALL
            SELECT 'removed', o.transaction_id, o.transaction_type, format('removed: was %s %s %s', o.amount_value, o.currency, o.transaction_status)
              FROM o WHERE NOT EXISTS (SELECT 1 FROM s WHERE s.transaction_id = o.transaction_id AND s.transaction_type = o.transaction_type)
            UNION ALL
            SELECT 'changed', s.transaction_id, s.transaction_type,
                   format('changed: %s %s %s → %s %s %s (minor units)', o.amount_value, o.currency, o.transaction_status,
                          s.amount_value, s.currency, s.transaction_status)
              FROM s JOIN o ON o.transaction_id = s.transaction_id AND o.transaction_type = s.transaction_type
             WHERE (s.amount_value, s.currency, s.transaction_status, s.transaction_request_id, s.original_transaction_id,
                    s.settlement_amount_value, s.fee_amount_value, s.settlement_batch_id)
                   IS DISTINCT FROM
                   (o.amount_value, o.currency, o.transaction_status, o.transaction_request_id, o.original_transaction_id,
                    o.settlement_amount_value, o.fee_amount_value, o.settlement_batch_id)
          )
     SELECT count(*) FILTER (WHERE what = 'added') AS added,
            count(*) FILTER (WHERE what = 'removed') AS removed,
            count(*) FILTER (WHERE what = 'changed') AS changed,
            (SELECT jsonb_agg(jsonb_build_object('transactionId', e.transaction_id, 'transactionType', e.transaction_type, 'change', e.change))
               FROM (SELECT * FROM d ORDER BY what, transaction_id LIMIT ${CHANGE_EXAMPLES}) e) AS examples
       FROM d`,
    [kind, previousId, reportDate],
  );
  const r = rows[0]!;
  return { added: Number(r.added), removed: Number(r.removed), changed: Number(r.changed), examples: r.examples ?? [] };
}

const PAYMENT_STATUS: Record<string, PaymentStatus> = {
  SUCCESS: 'SUCCESS',
  FAIL: 'FAIL',
  FAILED: 'FAIL',
  PROCESSING: 'PROCESSING',
  CANCELLED: 'CANCELLED',
  PENDING: 'PENDING',
};

/**
 * What a day's report means for the dashboard's own books. Idempotent: a second run finds nothing to do.
 * Payments: only those we do not hold, through record.ts (which never writes over a payment it contradicts).
 * Refunds: only Antom's successful REFUND rows that are not ours and not recorded yet.
 */
export async function applyReport(
  db: Db,
  kind: ReportKind,
  reportDate: string,
  fileName: string,
  /** The day's payment rows copyConverted found we do not hold (their transactionIds), when it did. */
  unheld: string[] | null = null,
): Promise<ApplyResult> {
  const result: ApplyResult = { paymentsImported: 0, paymentConflicts: 0, externalRecorded: 0, externalRefused: 0 };
  // Payments we do not hold, a batch at a time in transactionId order, through lib/payments/record.ts:
  // among `unheld` when given (asked again: one may have come in since), else among all the day's rows.
  const CHUNK = 5_000;
  let after = '';
  let firstImported: string[] = [];
  for (let batch = 0; ; batch++) {
    const ids = unheld?.slice(batch * CHUNK, (batch + 1) * CHUNK);
    if (ids?.length === 0) break;
    const missing = await queryRows<{
      transaction_id: string;
      transaction_request_id: string;
      transaction_status: string;
      amount_value: number;
      currency: string;
      payment_method_type: string | null;
      transaction_time: Date | null;
    }>(
      db,
      Prisma.sql`SELECT x.transaction_id, x.transaction_request_id, x.transaction_status, x.amount_value, x.currency,
                        x.payment_method_type, x.transaction_time
                   FROM antom_report_rows x
                  WHERE x.kind = ${kind}::"ReportKind" AND x.report_date = ${reportDate}::date AND x.transaction_type = 'PAYMENT'
                    AND ${ids ? Prisma.sql`x.transaction_id = ANY(${ids}::text[])` : Prisma.sql`x.transaction_id > ${after}`}
                    AND ${Prisma.raw(UNHELD_PAYMENT('x'))}
                  ORDER BY x.transaction_id LIMIT ${CHUNK}`,
    );
    if (missing.length === 0 && ids) continue;
    if (missing.length === 0) break;
    after = missing[missing.length - 1]!.transaction_id;
    const recorded = await recordNewPayments(
      db,
      missing.map((row) => {
        const status = PAYMENT_STATUS[row.transaction_status] ?? 'SUCCESS';
        return {
          paymentId: row.transaction_id,
          paymentRequestId: row.transaction_request_id,
          status,
          rawStatus: row.transaction_status,
          amount: { value: row.amount_value, currency: row.currency },
          method: row.payment_method_type,
          createdAt: row.transaction_time,
          paidAt: status === 'SUCCESS' ? row.transaction_time : null,
        };
      }),
      // Antom's reports do not say the product; a report's payments are recorded as online ones.
      'ONLINE',
    );
    result.paymentsImported += recorded.imported.length;
    result.paymentConflicts += recorded.conflicts;
    if (firstImported.length < 100) firstImported = [...firstImported, ...recorded.imported].slice(0, 100);
    if (!ids && missing.length < CHUNK) break;
  }
  if (result.paymentsImported > 0) {
    await writeAudit(db, {
      actorType: 'ANTOM',
      action: 'payments.imported_from_report',
      paymentId: result.paymentsImported === 1 ? firstImported[0] : null,
      details: { fileName, kind, reportDate, count: result.paymentsImported, first: firstImported },
    });
  }

  const external = await queryRows<{
    transaction_id: string;
    transaction_request_id: string | null;
    payment_id: string | null;
    amount_value: number;
    currency: string;
    transaction_time: Date | null;
  }>(
    db,
    Prisma.sql`SELECT x.transaction_id, x.transaction_request_id, x.amount_value, x.currency, x.transaction_time,
                      coalesce(p1.payment_id, p2.payment_id) AS payment_id
                 FROM antom_report_rows x
                 LEFT JOIN payments p1 ON p1.payment_id = x.original_transaction_id
                 LEFT JOIN payments p2 ON p2.payment_request_id = x.original_transaction_request_id
                WHERE x.kind = ${kind}::"ReportKind" AND x.report_date = ${reportDate}::date AND x.transaction_type = 'REFUND'
                  AND x.transaction_status = 'SUCCESS' AND x.amount_value > 0
                  AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.refund_request_id = x.transaction_request_id)
                  AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.refund_id = x.transaction_id)
                ORDER BY x.transaction_id`,
  );
  for (const row of external) {
    if (!row.payment_id) {
      result.externalRefused++;
      continue;
    }
    const requestId =
      row.transaction_request_id && REFUND_REQUEST_ID.test(row.transaction_request_id)
        ? row.transaction_request_id
        : `EXT_${row.transaction_id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 64);
    const [outcome] = await queryRows<{ outcome: string }>(
      db,
      Prisma.sql`SELECT refund_record_external(${requestId}, ${row.transaction_id}, ${row.payment_id}, ${row.amount_value},
                   ${row.currency}, 'SUCCESS'::"RefundStatus", ${row.transaction_time}::timestamptz,
                   ${`Antom report ${fileName}, transactionId ${row.transaction_id}`}) AS outcome`,
    );
    if (outcome?.outcome === 'RECORDED') result.externalRecorded++;
    else if (outcome?.outcome !== 'ALREADY') result.externalRefused++;
  }
  return result;
}
