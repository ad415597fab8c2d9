// The refund list as CSV, streamed. PostgreSQL formats the lines (lib/format/csv-sql.ts) and hands
// over each keyset batch as one string: moving 100,000 rows through the driver and formatting them
// here cost more than the queries themselves. Memory stays flat however many refunds match: a
// batch is read only when the client has taken the one before (backpressure), and the next batch
// is read while the current one is being sent, so the database and this process work side by side.
import 'server-only';
import { requireUser } from '../auth/session';
import { prisma } from '../db';
import { csvLine } from '../format/csv';
import { csvFieldSql, isoLocalSql, majorStringSql, neutraliseFormulaSql } from '../format/csv-sql';
import { merchantTimeZone } from '../format/time-zone';
import { Prisma } from '../generated/prisma/client';
import { refundPartSql, ruleNote, type PartSeek, type RefundFilters } from './queries';

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

/** A byte-order mark so that spreadsheet programs read the file as UTF-8, then the header. */
export const CSV_HEADER = '\uFEFF' + csvLine(CSV_COLUMNS);

interface Batch {
  text: string | null;
  rows: number;
  last_at: Date | null;
  last_id: string | null;
}

/**
 * One batch of one part of the list (0: needing attention, 1: the rest) as CSV lines in list
 * order, with the key of its last row to continue from; null when the part is empty by construction.
 */
export function refundCsvBatchSql(
  rank: 0 | 1,
  filters: RefundFilters,
  asOf: Date,
  seek: PartSeek,
  limit: number,
  timeZone: string,
): Prisma.Sql | null {
  const part = refundPartSql(rank, filters, asOf, seek, limit, { withChannel: false });
  if (!part) return null;
  // Needing attention: the engine's own reason, else the rule that put the refund here.
  const note =
    rank === 0
      ? Prisma.sql`coalesce(x.attention_reason, CASE x.status WHEN 'UNKNOWN' THEN ${ruleNote('UNKNOWN')}::text
          WHEN 'CREATED' THEN ${ruleNote('CREATED')}::text WHEN 'PROCESSING' THEN ${ruleNote('PROCESSING')}::text END)`
      : Prisma.sql`NULL::text`;
  const f = (column: string) => csvFieldSql(Prisma.raw(`f.${column}`));
  const line = Prisma.join(
    [
      isoLocalSql(Prisma.sql`x.created_at`, timeZone),
      f('refund_request_id'),
      f('refund_id'),
      f('payment_id'),
      f('status'),
      Prisma.raw(rank === 0 ? `'yes'` : `'no'`),
      f('attention'),
      majorStringSql(Prisma.sql`x.amount_value`, Prisma.sql`x.currency`),
      f('currency'),
      f('result_status'),
      f('result_code'),
      f('result_message'),
      f('reason'),
      f('requested_by'),
      Prisma.sql`CASE WHEN x.finalized_at IS NULL THEN '' ELSE ${isoLocalSql(Prisma.sql`x.finalized_at`, timeZone)} END`,
    ],
    ` || ',' || `,
  );
  const order = Prisma.sql`ORDER BY x.created_at DESC, x.refund_request_id DESC`;
  return Prisma.sql`SELECT string_agg(${line} || chr(10), '' ${order}) AS text, count(*)::int AS rows,
      (array_agg(x.created_at ${order}))[count(*)::int] AS last_at,
      (array_agg(x.refund_request_id::text ${order}))[count(*)::int] AS last_id
    FROM (${part}) x
    CROSS JOIN LATERAL (SELECT x.refund_request_id::text AS refund_request_id, coalesce(x.refund_id, '') AS refund_id,
      x.payment_id::text AS payment_id, x.status::text AS status, ${neutraliseFormulaSql(note)} AS attention,
      x.currency::text AS currency, coalesce(x.result_status, '') AS result_status, coalesce(x.result_code, '') AS result_code,
      ${neutraliseFormulaSql(Prisma.sql`x.result_message`)} AS result_message, ${neutraliseFormulaSql(Prisma.sql`x.reason`)} AS reason,
      coalesce(x.requester_email, '') AS requested_by) f`;
}

async function* csvBatches(filters: RefundFilters, batchSize: number, asOf: Date, timeZone: string) {
  for (const rank of [0, 1] as const) {
    let from: PartSeek['from'];
    while (true) {
      const sql = refundCsvBatchSql(rank, filters, asOf, { way: 'down', from }, batchSize, timeZone);
      if (!sql) break;
      const [batch] = await prisma.$queryRaw<Batch[]>(sql);
      if (!batch?.rows || !batch.text) break;
      yield batch.text;
      if (batch.rows < batchSize) break;
      from = [batch.last_at!.getTime(), batch.last_id!];
    }
  }
}

/**
 * A byte stream of the CSV for these filters: a header line, then one line per refund. The session
 * is checked here, before anything is read: the stream is read after the route handler returned.
 */
export async function refundCsvStream(
  filters: RefundFilters,
  {
    batchSize = 5000,
    timeZone = merchantTimeZone(),
    asOf = new Date(),
  }: { batchSize?: number; timeZone?: string; asOf?: Date } = {},
): Promise<ReadableStream<Uint8Array>> {
  await requireUser('read');
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`Batch size must be a positive integer, got ${batchSize}`);
  const encoder = new TextEncoder();
  const batches = csvBatches(filters, batchSize, asOf, timeZone);
  let pending: Promise<IteratorResult<string>> | null = null;
  const read = () => {
    const next = batches.next();
    next.catch(() => {}); // observed by pull(); this only keeps a cancelled read from being "unhandled"
    return next;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_HEADER));
      pending = read();
    },
    async pull(controller) {
      const next = await pending!;
      if (next.done) {
        controller.close();
        return;
      }
      pending = read(); // the next batch is read while this one goes out
      controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      // The client went away: stop reading from the database.
      await pending?.catch(() => undefined);
      await batches.return(undefined);
    },
  });
}
