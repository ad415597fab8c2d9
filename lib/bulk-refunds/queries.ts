// The read side of bulk refunds: the batches, one batch with its progress, its rows, and its result
// as CSV. Each function authorizes its viewer.
import { stringify } from 'csv-stringify/sync';
import { authorize, type Actor } from '../auth/roles';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { neutraliseFormula } from '../format/csv';
import { describeResultCode } from '../format/result-code';
import { toMajorString } from '../money';
import { REFUND_STATUS_WORDS, isRefundStatus } from '../refunds/states';
import type { CurrencyTotal } from './dry-run';
import { PROBLEM_WORDS, STAGE_WORDS, type BatchStatus, type ProblemCode } from './words';

export type { BatchStatus } from './words';

export interface BatchProgress {
  /** Rows to send: ready and needing approval. */
  toSend: number;
  /** Reserved so far (their amounts held, or released since). */
  reserved: number;
  /** Sent to Antom (by the batch, or by an approver's approval). */
  sent: number;
  /** Reserved, waiting for a second person's approval. */
  waitingApproval: number;
  skipped: number;
  cancelled: number;
  /** Of the sent ones, by their refund's state now. */
  refunded: number;
  failed: number;
  /** Sent, not final yet (processing, unknown). */
  open: number;
}

export interface BatchSummary {
  id: string;
  fileName: string;
  fileSha256: string;
  status: BatchStatus;
  rowCount: number;
  readyCount: number;
  approvalCount: number;
  refusedCount: number;
  totals: CurrencyTotal[];
  ratePerSecond: number;
  createdAt: Date;
  confirmedAt: Date | null;
  finishedAt: Date | null;
  uploadedBy: string | null;
  /** Refused rows counted by why. */
  problems: { code: ProblemCode; label: string; count: number }[];
  progress: BatchProgress;
}

export async function batchProgress(
  db: Db,
  viewer: Actor,
  batchId: string,
): Promise<(BatchProgress & { status: BatchStatus }) | null> {
  authorize(viewer, 'read');
  const [row] = await queryRows<BatchProgress & { status: BatchStatus }>(
    db,
    Prisma.sql`
    SELECT (SELECT status::text FROM refund_batches WHERE id = ${batchId}::uuid) AS status,
           count(*) FILTER (WHERE b.verdict <> 'REFUSED')::int AS "toSend",
           count(r.refund_request_id)::int AS reserved,
           count(*) FILTER (WHERE r.submit_attempts > 0)::int AS sent,
           count(*) FILTER (WHERE r.status = 'PENDING_APPROVAL')::int AS "waitingApproval",
           count(*) FILTER (WHERE b.stage = 'SKIPPED')::int AS skipped,
           count(*) FILTER (WHERE b.stage = 'CANCELLED' OR r.status = 'CANCELLED')::int AS cancelled,
           count(*) FILTER (WHERE r.status = 'SUCCESS')::int AS refunded,
           count(*) FILTER (WHERE r.status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE r.submit_attempts > 0 AND r.status IN ('CREATED', 'PROCESSING', 'UNKNOWN'))::int AS open
      FROM refund_batch_rows b LEFT JOIN refunds r ON r.refund_request_id = b.refund_request_id
     WHERE b.batch_id = ${batchId}::uuid`,
  );
  return row?.status ? row : null;
}

export async function getBatch(db: Db, viewer: Actor, batchId: string): Promise<BatchSummary | null> {
  authorize(viewer, 'read');
  if (!/^[0-9a-f-]{36}$/i.test(batchId)) return null;
  const batch = await db.refundBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      fileName: true,
      fileSha256: true,
      status: true,
      rowCount: true,
      readyCount: true,
      approvalCount: true,
      refusedCount: true,
      totals: true,
      ratePerSecond: true,
      createdAt: true,
      confirmedAt: true,
      finishedAt: true,
      uploadedById: true,
    },
  });
  if (!batch) return null;
  const [problems, progress, uploader] = await Promise.all([
    queryRows<{ code: ProblemCode; count: number }>(
      db,
      Prisma.sql`SELECT problem_code AS code, count(*)::int AS count FROM refund_batch_rows
                  WHERE batch_id = ${batchId}::uuid AND verdict = 'REFUSED' GROUP BY problem_code ORDER BY count DESC, problem_code`,
    ),
    batchProgress(db, viewer, batchId),
    db.user.findUnique({ where: { id: batch.uploadedById }, select: { name: true } }),
  ]);
  const { uploadedById: _, ...rest } = batch;
  return {
    ...rest,
    totals: batch.totals as unknown as CurrencyTotal[],
    uploadedBy: uploader?.name ?? null,
    problems: problems.map((p) => ({ ...p, label: PROBLEM_WORDS[p.code] ?? p.code })),
    progress: progress!,
  };
}

export interface BatchRowView {
  row: number;
  paymentRef: string;
  paymentId: string | null;
  amountValue: number | null;
  currency: string | null;
  amountText: string;
  reasonCode: string;
  verdict: 'READY' | 'NEEDS_APPROVAL' | 'REFUSED';
  problem: string | null;
  refundRequestId: string | null;
  stage: keyof typeof STAGE_WORDS;
  skipReason: string | null;
  refundStatus: string | null;
  resultCode: string | null;
  resultStatus: string | null;
}

const ROW_SELECT = Prisma.sql`
  b.row, b.payment_ref AS "paymentRef", b.payment_id AS "paymentId", b.amount_value AS "amountValue", b.currency,
  b.amount_text AS "amountText", b.reason_code AS "reasonCode", b.verdict::text AS verdict, b.problem,
  b.refund_request_id AS "refundRequestId", b.stage::text AS stage, b.skip_reason AS "skipReason",
  r.status::text AS "refundStatus", r.result_code AS "resultCode", r.result_status AS "resultStatus"`;

/** A page of a batch's rows in file order, after `afterRow`; `verdict` narrows to one verdict. */
export async function batchRows(
  db: Db,
  viewer: Actor,
  batchId: string,
  options: { verdict?: 'READY' | 'NEEDS_APPROVAL' | 'REFUSED'; afterRow?: number; limit?: number } = {},
): Promise<BatchRowView[]> {
  authorize(viewer, 'read');
  const verdict = options.verdict ? Prisma.sql`AND b.verdict = ${options.verdict}::"BatchRowVerdict"` : Prisma.empty;
  return queryRows<BatchRowView>(
    db,
    Prisma.sql`
    SELECT ${ROW_SELECT}
      FROM refund_batch_rows b LEFT JOIN refunds r ON r.refund_request_id = b.refund_request_id
     WHERE b.batch_id = ${batchId}::uuid AND b.row > ${options.afterRow ?? 0} ${verdict}
     ORDER BY b.row LIMIT ${Math.min(options.limit ?? 100, 500)}`,
  );
}

export interface BatchListItem {
  id: string;
  fileName: string;
  status: BatchStatus;
  rowCount: number;
  refusedCount: number;
  createdAt: Date;
}

export async function listBatches(db: Db, viewer: Actor, limit = 50): Promise<BatchListItem[]> {
  authorize(viewer, 'read');
  return db.refundBatch.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, fileName: true, status: true, rowCount: true, refusedCount: true, createdAt: true },
  });
}

/**
 * What a row's state is, in words, and what to do about it: the result file's last two columns. A dry
 * run's rows are waiting for the batch's confirmation, not for their turn: nothing is sent until then.
 */
export function rowOutcome(row: BatchRowView, batchStatus: BatchStatus): { state: string; whatToDo: string } {
  if (row.verdict === 'REFUSED')
    return {
      state: 'Refused in the dry run',
      whatToDo: `${row.problem ?? ''} Fix the row and upload it in a new file.`.trim(),
    };
  if (row.stage === 'SKIPPED')
    return {
      state: 'Not sent',
      whatToDo: `${row.skipReason ?? ''} Check the payment; refund it from its page if still due.`.trim(),
    };
  if (row.stage === 'WAITING' && batchStatus === 'DRY_RUN')
    return {
      state: 'Checked, not sent (dry run)',
      whatToDo:
        row.verdict === 'NEEDS_APPROVAL'
          ? 'Confirm the batch to send it; an approver then decides this refund.'
          : 'Confirm the batch to send it.',
    };
  if (row.stage === 'WAITING') return { state: STAGE_WORDS.WAITING, whatToDo: 'Nothing yet: it is sent in its turn.' };
  if (row.stage === 'CANCELLED' && !row.refundStatus)
    return {
      state: STAGE_WORDS.CANCELLED,
      whatToDo: 'Nothing was refunded. Refund it from the payment page or a new file if still due.',
    };
  const status = row.refundStatus && isRefundStatus(row.refundStatus) ? row.refundStatus : null;
  if (!status)
    return { state: row.refundStatus ?? STAGE_WORDS[row.stage], whatToDo: 'See the refund on its payment page.' };
  if (row.stage === 'HELD' && status === 'CREATED')
    return { state: STAGE_WORDS.HELD, whatToDo: 'Nothing yet: it is sent in its turn.' };
  const described = describeResultCode({ code: row.resultCode, resultStatus: row.resultStatus });
  const words = REFUND_STATUS_WORDS[status];
  return { state: words.label, whatToDo: status === 'SUCCESS' ? words.next : (described?.furtherAction ?? words.next) };
}

/** The result file: one line per row of the uploaded file, in its order. */
export async function batchResultCsv(db: Db, viewer: Actor, batchId: string): Promise<string | null> {
  authorize(viewer, 'read');
  const batch = await db.refundBatch.findUnique({ where: { id: batchId }, select: { id: true, status: true } });
  if (!batch) return null;
  const rows = await queryRows<BatchRowView>(
    db,
    Prisma.sql`
    SELECT ${ROW_SELECT}
      FROM refund_batch_rows b LEFT JOIN refunds r ON r.refund_request_id = b.refund_request_id
     WHERE b.batch_id = ${batchId}::uuid ORDER BY b.row`,
  );
  const records = rows.map((row) => {
    const { state, whatToDo } = rowOutcome(row, batch.status);
    return [
      String(row.row),
      neutraliseFormula(row.paymentRef),
      row.refundRequestId ?? '',
      row.amountValue !== null && row.currency ? toMajorString({ value: row.amountValue, currency: row.currency }) : '',
      row.currency ?? '',
      state,
      row.resultCode ?? '',
      neutraliseFormula(whatToDo),
    ];
  });
  return stringify(records, {
    header: true,
    columns: ['row', 'paymentRef', 'refundRequestId', 'amount', 'currency', 'state', 'resultCode', 'whatToDo'],
  });
}
