// The refund list as CSV, streamed: rows are read from the database in keyset batches and each batch
// is written out before the next is read, so memory stays flat however many refunds match. The
// stream pulls a batch only when the client has taken the previous one (backpressure).
import 'server-only';
import { csvLine, neutraliseFormula } from '../format/csv';
import { formatIsoLocal } from '../format/date-time';
import { toMajorString } from '../money';
import { openRefundBatches, type RefundFilters, type RefundListRow } from './queries';

export const CSV_COLUMNS = [
  'created_at',
  'refund_request_id',
  'refund_id',
  'payment_id',
  'status',
  'needs_attention',
  'attention',
  'amount',
  'currency',
  'result_status',
  'result_code',
  'result_message',
  'reason',
  'requested_by',
  'finalized_at',
] as const;

export function csvRecord(r: RefundListRow, timeZone?: string): string[] {
  return [
    formatIsoLocal(r.createdAt, timeZone),
    r.refundRequestId,
    r.refundId ?? '',
    r.paymentId,
    r.status,
    r.needsAttention ? 'yes' : 'no',
    neutraliseFormula(r.attentionNote),
    // Major units as an exact decimal string, by the currency's own exponent: never a float.
    toMajorString({ value: r.amountValue, currency: r.currency }),
    r.currency,
    r.resultStatus ?? '',
    r.resultCode ?? '',
    neutraliseFormula(r.resultMessage),
    neutraliseFormula(r.reason),
    r.requestedBy?.email ?? '',
    r.finalizedAt ? formatIsoLocal(r.finalizedAt, timeZone) : '',
  ];
}

/** A byte stream of the CSV for these filters: a header line, then one line per refund. */
export async function refundCsvStream(
  filters: RefundFilters,
  { batchSize = 2000, timeZone }: { batchSize?: number; timeZone?: string } = {},
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const batches = await openRefundBatches(filters, batchSize);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark so that spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode('\uFEFF' + csvLine(CSV_COLUMNS)));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      let text = '';
      for (const r of next.value) text += csvLine(csvRecord(r, timeZone));
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      // The client went away: stop reading from the database.
      await batches.return(undefined);
    },
  });
}
