// The transactions list as CSV, streamed: the list's filters, newest first, in keyset batches read
// one ahead of the client (backpressure), so memory stays flat however many payments match. Rows
// are formatted here: a payment line has few free-text fields, unlike a refund's (see
// lib/refunds/read/csv-export.ts for the heavier export that PostgreSQL formats itself).
import 'server-only';
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { prisma } from '../db';
import { queryRows } from '../db/sql';
import { csvLine, neutraliseFormula } from '../format/csv';
import { formatCsvTime } from '../format/date-time';
import { toMajorString } from '../money';
import { paymentBatchSql, toPaymentRow, type PaymentFilters, type PaymentListRow, type RawPayment } from './queries';
import { paymentDisplayStatus } from './states';

export const PAYMENT_CSV_COLUMNS = [
  'created_at',
  'payment_id',
  'payment_request_id',
  'method',
  'channel',
  // As shown on screen: SUCCESS, PARTIALLY_REFUNDED, REFUNDED, or Antom's other statuses.
  'status',
  'amount',
  'currency',
  'refunded',
  'refund_in_flight',
  'paid_at',
] as const;

/** A byte-order mark so that spreadsheet programs read the file as UTF-8, then the header. */
const HEADER = '\uFEFF' + csvLine(PAYMENT_CSV_COLUMNS);

/** One payment as a CSV line: amounts in major units by the currency's exponent, times as spreadsheets read them. */
export function paymentCsvLine(row: PaymentListRow, timeZone: string): string {
  const major = (value: number) => toMajorString({ value, currency: row.currency });
  return csvLine([
    formatCsvTime(row.createdAt, timeZone),
    neutraliseFormula(row.paymentId),
    // The merchant's own id: free text as far as we know, so a leading = stays text.
    neutraliseFormula(row.paymentRequestId),
    neutraliseFormula(row.method),
    row.channel,
    paymentDisplayStatus(row),
    major(row.amountValue),
    row.currency,
    major(row.refundedValue),
    major(row.refundHeldValue - row.refundedValue),
    row.paidAt ? formatCsvTime(row.paidAt, timeZone) : '',
  ]);
}

async function readBatch(filters: PaymentFilters, after: PaymentListRow | null, size: number) {
  const sql = paymentBatchSql(filters, after ? [after.createdAt, after.paymentId] : null, size);
  return (await queryRows<RawPayment>(prisma, sql)).map(toPaymentRow);
}

/** The CSV for these filters as a byte stream: the header, then one line per payment, newest first. */
export function paymentCsvStream(
  viewer: Actor,
  filters: PaymentFilters,
  { timeZone, batchSize = 2000 }: { timeZone: string; batchSize?: number },
): ReadableStream<Uint8Array> {
  authorize(viewer, 'read');
  const encoder = new TextEncoder();
  let next: Promise<PaymentListRow[]> | null = null;
  let done = false;
  const ahead = (after: PaymentListRow | null) => {
    const batch = readBatch(filters, after, batchSize);
    batch.catch(() => {}); // observed in pull(); this only keeps a cancelled read from being "unhandled"
    return batch;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(HEADER));
      next = ahead(null);
    },
    async pull(controller) {
      if (done) return;
      const rows = await next!;
      if (rows.length < batchSize) done = true;
      else next = ahead(rows.at(-1)!); // the next batch is read while this one goes out
      if (rows.length) controller.enqueue(encoder.encode(rows.map((r) => paymentCsvLine(r, timeZone)).join('')));
      if (done) controller.close();
    },
    async cancel() {
      done = true;
      await next?.catch(() => undefined);
    },
  });
}

/** The export as the route handler serves it: the role checked, the export in the audit log, then the stream. */
export async function exportPayments(
  viewer: Actor,
  request: { filters: PaymentFilters; asked: Record<string, string>; ip: string | null; timeZone: string },
): Promise<ReadableStream<Uint8Array>> {
  authorize(viewer, 'read');
  await writeAudit(prisma, {
    actorType: 'USER',
    actorId: viewer.id,
    action: 'payments.exported',
    details: { filters: request.asked },
    ip: request.ip,
  });
  return paymentCsvStream(viewer, request.filters, { timeZone: request.timeZone });
}
