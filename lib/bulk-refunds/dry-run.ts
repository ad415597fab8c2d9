// The dry run of a bulk refund file: read it streamed (csv-parse, size-limited and hashed as it passes,
// lib/http/upload.ts, as report uploads are), check every row against what its payment allows now
// (lib/refunds refundability, the same rules as the refund form), and store the verdicts. Nothing is
// reserved or sent: that waits for a person to confirm the batch (manage.ts).
//
// "The same file" is the same bytes (SHA-256) for the same merchant (the Antom client id): uploading
// it again opens the batch it already is, and its refundRequestIds, made from the hash and the row,
// are the same. A batch still in its dry run is checked again (payments may have changed since).
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { Prisma, poolOf, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { UserFacingError } from '../errors';
import { meteredStream } from '../http/upload';
import { approvalNeeded } from '../approvals/needed';
import { parseMajor } from '../money';
import { amountCheck, refundability, type PaymentForRefund } from '../refunds';
import type { RefundStatus } from '../refunds/states';
import { isReasonCode, type ProblemCode } from './words';

export const MAX_BATCH_ROWS = 10_000;
/** 10,000 rows of the longest fields fit in well under this. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
const NOTE_MAX = 200;

/** A file that cannot be a batch at all (not CSV, no header, too many rows): nothing is stored. */
export class BatchFileRefused extends UserFacingError {
  override name = 'BatchFileRefused';
}

/** The refund request id of a row: from the file's hash and the row number, 29 characters, [A-Z0-9_]. */
export function batchRefundRequestId(fileSha256: string, row: number): string {
  return `RB_${fileSha256.slice(0, 20).toUpperCase()}_${String(row).padStart(5, '0')}`;
}

/** What the dry run needs from the caller: the database, who the merchant is, and the approval rule. */
export interface BulkDeps {
  db: Db;
  /** The Antom client id: a batch is keyed by it and the file's hash. */
  merchantKey: string;
  /** Rows per second a confirmed batch sends at (BULK_REFUND_RATE). */
  ratePerSecond: number;
}

interface ReadRow {
  row: number;
  paymentId: string;
  paymentRequestId: string;
  amountText: string;
  reasonCode: string;
  note: string;
}

const COLUMN_NAMES: Record<string, keyof Omit<ReadRow, 'row'>> = {
  paymentid: 'paymentId',
  paymentrequestid: 'paymentRequestId',
  amount: 'amountText',
  reasoncode: 'reasonCode',
  note: 'note',
};

function readHeader(record: string[]): Map<keyof Omit<ReadRow, 'row'>, number> {
  const columns = new Map<keyof Omit<ReadRow, 'row'>, number>();
  record.forEach((name, i) => {
    const known =
      COLUMN_NAMES[
        name
          .trim()
          .toLowerCase()
          .replace(/[\s_-]/g, '')
      ];
    if (known && !columns.has(known)) columns.set(known, i);
  });
  if (!columns.has('paymentId') && !columns.has('paymentRequestId'))
    throw new BatchFileRefused(
      'The first row must name the columns: paymentId or paymentRequestId, amount, reasonCode, note.',
    );
  for (const needed of ['amountText', 'reasonCode'] as const)
    if (!columns.has(needed))
      throw new BatchFileRefused(
        `The first row has no ${needed === 'amountText' ? 'amount' : 'reasonCode'} column (columns: paymentId or paymentRequestId, amount, reasonCode, note).`,
      );
  return columns;
}

/** Reads the file streamed; refuses it whole for a size, CSV or header problem, or more than MAX_BATCH_ROWS rows. */
async function readFile(input: Readable): Promise<{ rows: ReadRow[]; sha256: string }> {
  const meter = meteredStream(
    MAX_BATCH_BYTES,
    () => new BatchFileRefused(`The file is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MB.`),
  );
  const rows: ReadRow[] = [];
  let columns: Map<keyof Omit<ReadRow, 'row'>, number> | null = null;
  let row = 0;
  const consume = new Writable({
    objectMode: true,
    highWaterMark: 1024,
    write(record: string[], _encoding, callback) {
      try {
        if (record.every((cell) => cell.trim() === '')) return callback(); // blank lines do not count
        if (!columns) {
          columns = readHeader(record);
          return callback();
        }
        row++;
        if (row > MAX_BATCH_ROWS)
          throw new BatchFileRefused(
            `The file has more than ${MAX_BATCH_ROWS.toLocaleString('en-US')} rows: split it.`,
          );
        const cell = (name: keyof Omit<ReadRow, 'row'>) => {
          const at = columns!.get(name);
          return at === undefined ? '' : (record[at] ?? '').trim();
        };
        rows.push({
          row,
          paymentId: cell('paymentId'),
          paymentRequestId: cell('paymentRequestId'),
          amountText: cell('amountText'),
          reasonCode: cell('reasonCode').toUpperCase(),
          note: cell('note'),
        });
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  try {
    await pipeline(input, meter.stream, parse({ relax_column_count: true, bom: true }), consume);
  } catch (error) {
    if (error instanceof BatchFileRefused) throw error;
    const e = error as { code?: string; message: string };
    if (e.code?.startsWith('CSV_')) throw new BatchFileRefused(`Not a valid CSV file: ${e.message}`);
    throw error;
  }
  if (!columns) throw new BatchFileRefused('The file is empty.');
  if (rows.length === 0) throw new BatchFileRefused('The file has a header but no rows.');
  return { rows, sha256: meter.sha256() };
}

type Payment = PaymentForRefund & { paymentRequestId: string; refundStatuses: RefundStatus[] };

/** Every payment the rows name, by paymentId and by paymentRequestId, in a few queries. */
async function readPayments(
  db: Db,
  rows: ReadRow[],
): Promise<{ byId: Map<string, Payment>; byRequestId: Map<string, Payment> }> {
  const refs = [
    ...new Set(rows.flatMap((r) => [r.paymentId, r.paymentRequestId]).filter((ref) => ref && ref.length <= 64)),
  ];
  const byId = new Map<string, Payment>();
  const byRequestId = new Map<string, Payment>();
  for (let i = 0; i < refs.length; i += 5_000) {
    const chunk = refs.slice(i, i + 5_000);
    const found = await queryRows<Payment>(
      db,
      Prisma.sql`
      SELECT p.payment_id AS "paymentId", p.payment_request_id AS "paymentRequestId", p.channel::text AS channel,
             p.amount_value AS "amountValue", p.currency, p.method, p.status::text AS status, p.paid_at AS "paidAt",
             p.created_at AS "createdAt", p.refund_held_value AS "refundHeldValue",
             ARRAY(SELECT r.status::text FROM refunds r WHERE r.payment_id = p.payment_id) AS "refundStatuses"
        FROM payments p
       WHERE p.payment_id = ANY(${chunk}::text[]) OR p.payment_request_id = ANY(${chunk}::text[])`,
    );
    for (const p of found) {
      byId.set(p.paymentId, p);
      byRequestId.set(p.paymentRequestId, p);
    }
  }
  return { byId, byRequestId };
}

export interface CheckedRow {
  row: number;
  paymentRef: string;
  paymentId: string | null;
  amountText: string;
  amountValue: number | null;
  currency: string | null;
  reasonCode: string;
  note: string | null;
  verdict: 'READY' | 'NEEDS_APPROVAL' | 'REFUSED';
  problemCode: ProblemCode | null;
  problem: string | null;
  refundRequestId: string | null;
}

/** Judges every row: the file's own rows count too (a payment named twice; amounts never add past the payment). */
async function checkRows(deps: BulkDeps, actor: Actor, rows: ReadRow[], sha256: string): Promise<CheckedRow[]> {
  const { byId, byRequestId } = await readPayments(deps.db, rows);
  const firstRowOf = new Map<string, number>();
  const approvals = new Map<string, boolean>();
  const checked: CheckedRow[] = [];
  for (const r of rows) {
    const paymentRef = (r.paymentId || r.paymentRequestId).slice(0, 64);
    const base = {
      row: r.row,
      paymentRef,
      paymentId: null as string | null,
      amountText: r.amountText.slice(0, 32),
      amountValue: null as number | null,
      currency: null as string | null,
      reasonCode: r.reasonCode.slice(0, 64),
      note: r.note ? r.note.slice(0, NOTE_MAX) : null,
    };
    const refuse = (problemCode: ProblemCode, problem: string): CheckedRow => ({
      ...base,
      verdict: 'REFUSED',
      problemCode,
      problem: problem.slice(0, 256),
      refundRequestId: null,
    });
    const verdict = await (async (): Promise<CheckedRow> => {
      if (!paymentRef) return refuse('BAD_ROW', 'Give a paymentId or a paymentRequestId.');
      if (r.paymentId.length > 64 || r.paymentRequestId.length > 64)
        return refuse('BAD_ROW', 'A payment id is at most 64 characters.');
      if (r.note.length > NOTE_MAX) return refuse('BAD_ROW', `The note is longer than ${NOTE_MAX} characters.`);
      const payment = r.paymentId ? byId.get(r.paymentId) : byRequestId.get(r.paymentRequestId);
      if (!payment) return refuse('UNKNOWN_PAYMENT', `There is no payment with the id ${paymentRef}.`);
      if (r.paymentId && r.paymentRequestId && payment.paymentRequestId !== r.paymentRequestId)
        return refuse('UNKNOWN_PAYMENT', 'The paymentId and the paymentRequestId name different payments.');
      base.paymentId = payment.paymentId;
      base.currency = payment.currency;
      if (!isReasonCode(r.reasonCode))
        return refuse(
          'BAD_REASON',
          `Unknown reason code "${base.reasonCode}": use one of the codes listed on the upload page.`,
        );
      const earlier = firstRowOf.get(payment.paymentId);
      if (earlier !== undefined) return refuse('DUPLICATE_ROW', `Row ${earlier} already refunds this payment.`);
      const state = refundability(payment, payment.refundStatuses);
      if (state.blockedReason) return refuse('NOT_REFUNDABLE', state.blockedReason);
      let value = state.refundable;
      if (r.amountText.toUpperCase() !== 'FULL') {
        const parsed = parseMajor(r.amountText, payment.currency);
        if (!parsed.ok) return refuse(parsed.decimals ? 'DECIMALS' : 'BAD_ROW', parsed.error);
        value = parsed.value;
      }
      base.amountValue = value;
      const problem = amountCheck(value, state, payment.currency);
      if (problem) return refuse(problem.code === 'FULL_ONLY' ? 'FULL_ONLY' : 'OVER_REFUNDABLE', problem.message);
      // The engine's own rule (lib/approvals), asked as it will be when the row is reserved. The same
      // currency and amount get the same answer within one file: asked once.
      const key = `${payment.currency}:${value}`;
      let needsApproval = approvals.get(key);
      if (needsApproval === undefined) {
        needsApproval = !!(await approvalNeeded(deps.db, {
          currency: payment.currency,
          amountMinor: value,
          requesterUserId: actor.id,
        }));
        approvals.set(key, needsApproval);
      }
      return {
        ...base,
        verdict: needsApproval ? 'NEEDS_APPROVAL' : 'READY',
        problemCode: null,
        problem: null,
        refundRequestId: batchRefundRequestId(sha256, r.row),
      };
    })();
    // A payment is refunded once per file: a later row naming it again is a duplicate.
    if (verdict.verdict !== 'REFUSED' && verdict.paymentId) firstRowOf.set(verdict.paymentId, r.row);
    checked.push(verdict);
  }
  return checked;
}

export interface CurrencyTotal {
  currency: string;
  rows: number;
  value: number;
}

export interface DryRunResult {
  batchId: string;
  /** The same file was uploaded before and has been confirmed: it was opened, not checked again. */
  existing: boolean;
}

const ROW_COLUMNS = [
  ['row', 'int'],
  ['payment_ref', 'text'],
  ['payment_id', 'text'],
  ['amount_text', 'text'],
  ['amount_value', 'int'],
  ['currency', 'text'],
  ['reason_code', 'text'],
  ['note', 'text'],
  ['verdict', 'text'],
  ['problem_code', 'text'],
  ['problem', 'text'],
  ['refund_request_id', 'text'],
] as const;

/**
 * Reads and checks a bulk refund file and stores it as a batch in its dry run. Throws BatchFileRefused
 * for a file that cannot be a batch (nothing is stored); refused rows are part of the result.
 */
export async function dryRunBatch(
  deps: BulkDeps,
  actor: Actor,
  input: Readable,
  options: { fileName: string },
): Promise<DryRunResult> {
  authorize(actor, 'refund');
  const { rows, sha256 } = await readFile(input);
  const previous = await deps.db.refundBatch.findUnique({
    where: { merchantKey_fileSha256: { merchantKey: deps.merchantKey, fileSha256: sha256 } },
    select: { id: true, status: true },
  });
  if (previous && previous.status !== 'DRY_RUN') return { batchId: previous.id, existing: true };

  const checked = await checkRows(deps, actor, rows, sha256);
  const totals = new Map<string, CurrencyTotal>();
  const count = { READY: 0, NEEDS_APPROVAL: 0, REFUSED: 0 };
  for (const c of checked) {
    count[c.verdict]++;
    if (c.verdict === 'REFUSED') continue;
    const total = totals.get(c.currency!) ?? { currency: c.currency!, rows: 0, value: 0 };
    total.rows++;
    total.value += c.amountValue!;
    totals.set(c.currency!, total);
  }

  const client = await poolOf(deps.db).connect();
  try {
    await client.query('BEGIN');
    const summary = [
      options.fileName.slice(0, 256),
      checked.length,
      count.READY,
      count.NEEDS_APPROVAL,
      count.REFUSED,
      JSON.stringify([...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency))),
    ];
    // Two uploads of one file at once: the second waits for the first's row and checks it again.
    const { rows: saved } = await client.query<{ id: string; status: string }>(
      `INSERT INTO refund_batches AS b (id, merchant_key, file_sha256, file_name, row_count, ready_count, approval_count,
                                         refused_count, totals, rate_per_second, uploaded_by_id, updated_at)
       VALUES (uuid_v7(), $7, $8, $1, $2, $3, $4, $5, $6::jsonb, $9, $10::uuid, now())
       ON CONFLICT (merchant_key, file_sha256) DO UPDATE SET
         file_name = $1, row_count = $2, ready_count = $3, approval_count = $4, refused_count = $5, totals = $6::jsonb,
         uploaded_by_id = $10::uuid, updated_at = now()
         WHERE b.status = 'DRY_RUN'
       RETURNING id, status`,
      [...summary, deps.merchantKey, sha256, deps.ratePerSecond, actor.id],
    );
    if (!saved[0]) {
      // Confirmed between our look and now: it is what it is.
      await client.query('ROLLBACK');
      return { batchId: previous!.id, existing: true };
    }
    const batchId = saved[0].id;
    await client.query('DELETE FROM refund_batch_rows WHERE batch_id = $1', [batchId]);
    const unnest = `unnest(${ROW_COLUMNS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')}) AS t(${ROW_COLUMNS.map(([n]) => n).join(', ')})`;
    for (let i = 0; i < checked.length; i += 2_000) {
      const chunk = checked.slice(i, i + 2_000);
      await client.query(
        `INSERT INTO refund_batch_rows (batch_id, row, payment_ref, payment_id, amount_text, amount_value, currency, reason_code,
                                        note, verdict, problem_code, problem, refund_request_id)
         SELECT $1::uuid, row, payment_ref, payment_id, amount_text, amount_value, currency, reason_code, note,
                verdict::"BatchRowVerdict", problem_code, problem, refund_request_id
           FROM ${unnest}`,
        [
          batchId,
          chunk.map((c) => c.row),
          chunk.map((c) => c.paymentRef),
          chunk.map((c) => c.paymentId),
          chunk.map((c) => c.amountText),
          chunk.map((c) => c.amountValue),
          chunk.map((c) => c.currency),
          chunk.map((c) => c.reasonCode),
          chunk.map((c) => c.note),
          chunk.map((c) => c.verdict),
          chunk.map((c) => c.problemCode),
          chunk.map((c) => c.problem),
          chunk.map((c) => c.refundRequestId),
        ],
      );
    }
    await client.query('COMMIT');
    await writeAudit(deps.db, {
      actorType: 'USER',
      actorId: actor.id,
      action: 'bulk_refund.dry_run',
      details: { batchId, fileName: options.fileName.slice(0, 256), sha256, rows: checked.length, ...count },
    });
    return { batchId, existing: false };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
