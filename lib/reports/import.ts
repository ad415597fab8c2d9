// Imports one Antom report file (format.ts), streamed, never read whole:
//   1. csv-parse reads it record by record; each row is validated (zod) and staged in a temporary
//      table in batches, inside one transaction. A file that ends without `<END>`, or with a row that
//      does not validate, is refused whole (rolled back) with the line where it stopped.
//   2. Still in that transaction: the same bytes imported before (SHA-256) change nothing; otherwise the
//      rows are upserted by Antom's transactionId, and a file for a day that already has one supersedes
//      it, recording what changed (rows added, removed, changed).
//   3. Then applied (idempotent, so an import interrupted here is completed by importing again):
//      payments we do not hold are imported through lib/payments/record.ts, refunds we did not make are
//      recorded as external refunds (SQL refund_record_external: they hold their amount at once), and
//      the report's day is reconciled (reconcile.ts).
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { PoolClient } from 'pg';
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { poolOf, Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { meteredStream } from '../http/upload';
import { recordNewPayments } from '../payments/record';
import type { PaymentStatus } from '../payments/states';
import {
  END_MARKER,
  KNOWN_TYPES,
  readRow,
  recogniseHeader,
  ReportRefused,
  rowDay,
  type ReportKind,
  type ReportRow,
} from './format';
import { reconcile, type ReconcileResult } from './reconcile';

/** Files larger than this are refused (bytes). Documented in README.md; `--max-bytes` on the command line. */
export const DEFAULT_MAX_REPORT_BYTES = 1024 ** 3;

const BATCH = 5_000;

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
}

export interface ApplyResult {
  paymentsImported: number;
  /** Payments the report contradicts (ids paired differently, another amount): not written, reconciled as differences. */
  paymentConflicts: number;
  externalRecorded: number;
  /** External refunds the payment could not hold, or whose payment we do not hold: reconciled as differences. */
  externalRefused: number;
}

const STAGE_COLUMNS = [
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

const UNNEST = `unnest(${STAGE_COLUMNS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ')}) AS t(${STAGE_COLUMNS.map(([n]) => n).join(', ')})`;
const STAGE_INSERT = `INSERT INTO report_stage SELECT * FROM ${UNNEST}`;

const ROW_COLUMNS = `transaction_status, transaction_request_id, original_transaction_id, original_transaction_request_id,
  amount_value, currency, transaction_time, payment_method_type, settlement_batch_id, settlement_amount_value,
  settlement_currency, fee_amount_value, fee_currency`;
const UPSERT_SET = `ON CONFLICT (kind, transaction_id, transaction_type) DO UPDATE SET
  report_id = EXCLUDED.report_id, report_date = EXCLUDED.report_date,
  transaction_status = EXCLUDED.transaction_status, transaction_request_id = EXCLUDED.transaction_request_id,
  original_transaction_id = EXCLUDED.original_transaction_id,
  original_transaction_request_id = EXCLUDED.original_transaction_request_id,
  amount_value = EXCLUDED.amount_value, currency = EXCLUDED.currency, transaction_time = EXCLUDED.transaction_time,
  payment_method_type = EXCLUDED.payment_method_type, settlement_batch_id = EXCLUDED.settlement_batch_id,
  settlement_amount_value = EXCLUDED.settlement_amount_value, settlement_currency = EXCLUDED.settlement_currency,
  fee_amount_value = EXCLUDED.fee_amount_value, fee_currency = EXCLUDED.fee_currency`;
/** A batch straight into antom_report_rows: for a day no earlier file covers, while the file is still being read. */
const DIRECT_UPSERT = `INSERT INTO antom_report_rows AS o (kind, transaction_id, transaction_type, report_id, report_date, ${ROW_COLUMNS})
  SELECT $${STAGE_COLUMNS.length + 1}::"ReportKind", t.transaction_id, t.transaction_type, $${STAGE_COLUMNS.length + 2}::uuid,
         $${STAGE_COLUMNS.length + 3}::date, ${ROW_COLUMNS.replace(/(\w+)/g, 't.$1')}
    FROM ${UNNEST}
  ${UPSERT_SET}
  WHERE o.report_id IS DISTINCT FROM EXCLUDED.report_id`;

const duplicateRow = (error: { code?: string }) => {
  // A transaction twice in one file (same transactionId and type): the file is not Antom's whole word.
  if (error.code === '21000')
    throw new ReportRefused('The same transaction (transactionId and transactionType) appears twice in the file.');
  throw error;
};

/** Where the rows go: straight to antom_report_rows (a day no earlier file covers), or to report_stage first. */
type Mode =
  | { direct: true; reportId: string; reportDate: string; previousId: null }
  | { direct: false; reportDate: string; previousId: string | null };

/**
 * Chosen at the first row, when the kind and day are known. The day's lock (an advisory lock on kind and
 * day, for the transaction) makes two imports of one day queue, so one supersedes the other.
 */
async function chooseMode(client: PoolClient, kind: ReportKind, reportDate: string): Promise<Mode> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('antom_report:' || $1 || ':' || $2))`, [kind, reportDate]);
  const previous = await client.query<{ id: string }>(
    `SELECT id FROM antom_reports WHERE kind = $1::"ReportKind" AND report_date = $2::date AND superseded_at IS NULL
      ORDER BY imported_at DESC LIMIT 1`,
    [kind, reportDate],
  );
  const previousId = previous.rows[0]?.id ?? null;
  if (previousId) return { direct: false, reportDate, previousId };
  const id = await client.query<{ id: string }>(`SELECT uuid_v7() AS id`);
  return { direct: true, reportId: id.rows[0]!.id, reportDate, previousId: null };
}

class Batch {
  readonly columns: unknown[][] = STAGE_COLUMNS.map(() => []);
  size = 0;
  add(line: number, r: ReportRow): void {
    const c = this.columns;
    c[0]!.push(line);
    c[1]!.push(r.transactionId);
    c[2]!.push(r.transactionType);
    c[3]!.push(r.transactionStatus);
    c[4]!.push(r.transactionRequestId);
    c[5]!.push(r.originalTransactionId);
    c[6]!.push(r.originalTransactionRequestId);
    c[7]!.push(r.amountValue);
    c[8]!.push(r.currency);
    c[9]!.push(r.transactionTime);
    c[10]!.push(r.paymentMethodType);
    c[11]!.push(r.settlementBatchId);
    c[12]!.push(r.settlementAmountValue);
    c[13]!.push(r.settlementCurrency);
    c[14]!.push(r.feeAmountValue);
    c[15]!.push(r.feeCurrency);
    this.size++;
  }
}

interface Staged {
  kind: ReportKind;
  mode: Mode | null;
  rows: number;
  typeCounts: Record<string, number>;
  firstDay: string | null;
  sha256: string;
}

/** Streams the file into report_stage; throws ReportRefused for a file that is not whole and valid. */
async function stage(client: PoolClient, input: Readable, options: ImportOptions): Promise<Staged> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
  let rows = 0;
  let lastReported = 0;
  const meter = meteredStream(
    maxBytes,
    () => new ReportRefused(`The file is larger than the limit of ${maxBytes} bytes.`),
  );
  const progress = () => options.onProgress?.({ bytes: meter.bytes(), rows });
  // No `info` per record (a quarter of the parse time): a record is a line, counted here, as long as no
  // quoted field spans lines. Empty lines come through as [''] and are counted and skipped.
  const parser = parse({ relax_column_count: true, bom: true });

  let kind: ReportKind | null = null;
  let columns: Map<string, number> | null = null;
  let ended = false;
  let line = 0;
  let firstDay: string | null = null;
  const typeCounts: Record<string, number> = {};
  let batch = new Batch();
  let mode: Mode | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (batch.size === 0) return;
    const full = batch;
    batch = new Batch();
    await inFlight; // one insert in flight while the next batch is parsed
    inFlight = mode?.direct
      ? client
          .query(DIRECT_UPSERT, [...full.columns, kind, mode.reportId, mode.reportDate])
          .then((result) => {
            // A row this file already wrote, in an earlier batch, is not updated (the WHERE above): the
            // same transaction listed twice, further apart than one batch.
            if (result.rowCount !== full.size) duplicateRow({ code: '21000' });
          })
          .catch(duplicateRow)
      : client.query(STAGE_INSERT, full.columns);
    inFlight.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  };
  const decide = async () => {
    const day = options.reportDate ?? firstDay;
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      throw new ReportRefused('The report has no rows to tell its day from: give the day it is for.');
    }
    mode = await chooseMode(client, kind!, day);
  };

  const take = (record: string[]): boolean => {
    line++;
    if (record.length === 1 && record[0]!.trim() === '') return false;
    if (!columns) {
      ({ kind, columns } = recogniseHeader(record));
      return false;
    }
    if (ended) throw new ReportRefused(`There is more after ${END_MARKER}.`, line);
    if (record.length === 1 && record[0]!.trim() === END_MARKER) {
      ended = true;
      return false;
    }
    const row = readRow(record, columns, line, kind!);
    typeCounts[row.transactionType] = (typeCounts[row.transactionType] ?? 0) + 1;
    if (firstDay === null) firstDay = rowDay(row, kind!);
    batch.add(line, row);
    rows++;
    if (rows - lastReported >= 10_000) {
      lastReported = rows;
      progress();
    }
    return batch.size >= BATCH;
  };
  // A Writable, not `for await`: the async iterator costs more than parsing itself (measured 2x).
  const consume = new Writable({
    objectMode: true,
    highWaterMark: 1024,
    write(record: string[], _encoding, callback) {
      let full: boolean;
      try {
        full = take(record);
      } catch (error) {
        callback(error as Error);
        return;
      }
      if (!mode && rows === 1)
        decide()
          .then(() => (full ? flush() : undefined))
          .then(() => callback(), callback);
      else if (full) flush().then(() => callback(), callback);
      else callback();
    },
  });

  try {
    await pipeline(input, meter.stream, parser, consume);
  } catch (error) {
    if (error instanceof ReportRefused) throw error;
    const e = error as { code?: string; lines?: number; message: string };
    if (e.code?.startsWith('CSV_')) throw new ReportRefused(`Not valid CSV: ${e.message}`, e.lines ?? null);
    throw error;
  }
  const lastLine = line;
  await flush();
  await inFlight;
  if (!columns) throw new ReportRefused('The file is empty.', 0);
  if (!ended) {
    throw new ReportRefused(
      `The file stops without ${END_MARKER}: it is incomplete, and none of it was imported.`,
      lastLine + 1,
    );
  }
  progress();
  return { kind: kind!, mode, rows, typeCounts, firstDay, sha256: meter.sha256() };
}

const CHANGE_EXAMPLES = 20;

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
  const client = await poolOf(db).connect();
  let staged: Staged;
  let reportId: string;
  let reportDate: string;
  let status: ImportResult['status'] = 'IMPORTED';
  let superseded: ImportResult['superseded'] = null;
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE report_stage (${STAGE_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')}) ON COMMIT DROP`,
    );
    staged = await stage(client, input, options);
    const mode: Mode =
      staged.mode ??
      (await (async () => {
        // No rows: the day must be given.
        const day = options.reportDate;
        if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
          throw new ReportRefused('The report has no rows to tell its day from: give the day it is for.');
        }
        return chooseMode(client, staged.kind, day);
      })());
    reportDate = mode.reportDate;

    const same = await client.query<{ id: string; report_date: string }>(
      `SELECT id, to_char(report_date, 'YYYY-MM-DD') AS report_date FROM antom_reports WHERE sha256 = $1`,
      [staged.sha256],
    );
    if (same.rows[0]) {
      // The same bytes again: nothing changes (whatever this import wrote is rolled back).
      await client.query('ROLLBACK');
      status = 'UNCHANGED';
      reportId = same.rows[0].id;
      reportDate = same.rows[0].report_date;
    } else {
      const previousId = mode.previousId;
      const unknownTypes = Object.entries(staged.typeCounts)
        .filter(([t]) => !(KNOWN_TYPES as readonly string[]).includes(t))
        .reduce((n, [, c]) => n + c, 0);
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO antom_reports (id, kind, file_name, sha256, report_date, row_count, unknown_type_count, type_counts,
                                    supersedes_id, imported_by_id)
         VALUES (coalesce($10::uuid, uuid_v7()), $1::"ReportKind", left($2, 256), $3, $4::date, $5, $6, $7::jsonb, $8::uuid, $9::uuid)
         RETURNING id`,
        [
          staged.kind,
          options.fileName,
          staged.sha256,
          reportDate,
          staged.rows,
          unknownTypes,
          JSON.stringify(staged.typeCounts),
          previousId,
          actor?.id ?? null,
          mode.direct ? mode.reportId : null,
        ],
      );
      reportId = inserted.rows[0]!.id;

      if (previousId) {
        const changes = await describeChanges(client, staged.kind, previousId, reportDate);
        await client.query(`UPDATE antom_reports SET changes = $2::jsonb WHERE id = $1`, [
          reportId,
          JSON.stringify(changes),
        ]);
        await client.query(`UPDATE antom_reports SET superseded_at = now() WHERE id = $1`, [previousId]);
        superseded = { reportId: previousId, changes };
      }

      if (!mode.direct) {
        await client
          .query(
            `INSERT INTO antom_report_rows AS o (kind, transaction_id, transaction_type, report_id, report_date, ${ROW_COLUMNS})
             SELECT $1::"ReportKind", transaction_id, transaction_type, $2::uuid, $3::date, ${ROW_COLUMNS} FROM report_stage
             ${UPSERT_SET}`,
            [staged.kind, reportId, reportDate],
          )
          .catch(duplicateRow);
      }
      // Rows the superseded file had and this one does not: Antom no longer reports them for this day.
      // (By kind and day, through their index: a report's rows all carry its day.)
      if (previousId)
        await client.query(
          `DELETE FROM antom_report_rows WHERE kind = $1::"ReportKind" AND report_date = $2::date AND report_id = $3::uuid`,
          [staged.kind, reportDate, previousId],
        );
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
  }

  const applied = await applyReport(db, staged.kind, reportDate, options.fileName);
  const reconciliation = await reconcile(db, { from: reportDate, to: reportDate, now: options.now });
  const unknownTypes = Object.entries(staged.typeCounts)
    .filter(([t]) => !(KNOWN_TYPES as readonly string[]).includes(t))
    .reduce((n, [, c]) => n + c, 0);
  return {
    status,
    reportId,
    kind: staged.kind,
    reportDate,
    rows: staged.rows,
    typeCounts: staged.typeCounts,
    unknownTypes,
    superseded,
    applied,
    reconciliation,
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

const SAFE_REQUEST_ID = /^[A-Za-z0-9_]{1,64}$/;

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
): Promise<ApplyResult> {
  const result: ApplyResult = { paymentsImported: 0, paymentConflicts: 0, externalRecorded: 0, externalRefused: 0 };
  // Payments we do not hold, a batch at a time in transactionId order, through lib/payments/record.ts.
  const CHUNK = 5_000;
  let after = '';
  let firstImported: string[] = [];
  for (;;) {
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
                    AND x.transaction_id > ${after} AND x.transaction_request_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.payment_id = x.transaction_id)
                    AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.payment_request_id = x.transaction_request_id)
                  ORDER BY x.transaction_id LIMIT ${CHUNK}`,
    );
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
    if (missing.length < CHUNK) break;
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
      row.transaction_request_id && SAFE_REQUEST_ID.test(row.transaction_request_id)
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
