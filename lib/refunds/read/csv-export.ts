// The refund list as CSV, streamed. PostgreSQL formats the lines (lib/format/csv-sql.ts) and hands
// over each keyset batch as one string: moving 100,000 rows through the driver and formatting them
// here cost more than the queries themselves. Memory stays flat however many refunds match: only a
// few batches are read ahead of the client (backpressure), two of them formatted at once on two
// connections, so both of the database's cores and this process work side by side.
import 'server-only';
import { writeAudit } from '../../audit/log';
import { authorize, type Actor } from '../../auth/roles';
import { prisma } from '../../db';
import { csvLine } from '../../format/csv';
import {
  csvFieldSql,
  csvPlainSql,
  csvTimeSql,
  majorStringSql,
  neutraliseFormulaSql,
  setTimeZoneSql,
} from '../../format/csv-sql';
import { merchantTimeZone } from '../../format/time-zone';
import { Prisma } from '../../generated/prisma/client';
import { refundPartKeySql, refundPartSql, ruleNote, type PartSeek, type RefundFilters } from './list-sql';

export const CSV_COLUMNS = [
  'created_at',
  'refund_request_id',
  'refund_id',
  'payment_id',
  'payment_request_id',
  'method',
  'status',
  'needs_attention',
  'attention',
  'amount',
  'currency',
  'result_status',
  'result_code',
  'result_message',
  'reason',
  // The reason picked on the form (REQUESTED_BY_CUSTOMER, DUPLICATE, ...); empty for refunds made before the picker.
  'reason_code',
  'requested_by',
  'finalized_at',
  // From Antom's settlement details report, once one lists the refund (issue 13); Antom's signs kept.
  'settlement_batch',
  'settlement_fee',
  'settlement_net',
  'settlement_currency',
] as const;

/** A byte-order mark so that spreadsheet programs read the file as UTF-8, then the header. */
export const CSV_HEADER = '\uFEFF' + csvLine(CSV_COLUMNS);

interface Batch {
  text: string | null;
  rows: number;
}

/** The CSV's fields that hold free text (ids from Antom, messages, reasons): quoted when they need it. */
const TEXT_FIELDS = [
  'refund_id',
  'payment_id',
  'payment_request_id',
  'method',
  'attention',
  'result_status',
  'result_code',
  'result_message',
  'reason',
  'requested_by',
  'settlement_batch',
] as const;

/**
 * One batch of one part of the list (0: needing attention, 1: the rest) as CSV lines in list
 * order (refundPartKeySql finds where the next one starts); null when the part is empty by construction.
 * Times are formatted in the session's TimeZone: run it after setTimeZoneSql, in one transaction.
 */
export function refundCsvBatchSql(
  rank: 0 | 1,
  filters: RefundFilters,
  asOf: Date,
  seek: PartSeek,
  limit: number,
): Prisma.Sql | null {
  const part = refundPartSql(rank, filters, asOf, seek, limit);
  if (!part) return null;
  // Needing attention: the engine's own reason, else the rule that put the refund here.
  const note =
    rank === 0
      ? Prisma.sql`coalesce(x.attention_reason, CASE x.status WHEN 'UNKNOWN' THEN ${ruleNote('UNKNOWN')}::text
          WHEN 'CREATED' THEN ${ruleNote('CREATED')}::text WHEN 'PROCESSING' THEN ${ruleNote('PROCESSING')}::text END)`
      : Prisma.sql`NULL::text`;
  const line = (quote: boolean) =>
    Prisma.join(
      [
        Prisma.sql`f.created_at_text`,
        // refund_request_id ([A-Za-z0-9_]), status (an enum) and currency ([A-Z]{3}) never need quotes.
        Prisma.sql`f.refund_request_id`,
        'refund_id',
        'payment_id',
        'payment_request_id',
        'method',
        Prisma.sql`f.status`,
        Prisma.raw(rank === 0 ? `'yes'` : `'no'`),
        'attention',
        Prisma.sql`f.amount`,
        Prisma.sql`f.currency`,
        'result_status',
        'result_code',
        'result_message',
        'reason',
        // An enum's name ([A-Z_]) never needs quotes.
        Prisma.sql`f.reason_code`,
        'requested_by',
        Prisma.sql`f.finalized_at_text`,
        'settlement_batch',
        // Amounts ("-1.25") and a currency code ([A-Z]{3}) never need quotes.
        Prisma.sql`f.settlement_fee`,
        Prisma.sql`f.settlement_net`,
        Prisma.sql`f.settlement_currency`,
      ].map((field) =>
        typeof field !== 'string' ? field : quote ? csvFieldSql(Prisma.raw(`f.${field}`)) : Prisma.raw(`f.${field}`),
      ),
      ` || ',' || `,
    );
  const order = Prisma.sql`ORDER BY f.created_at DESC, f.refund_request_id DESC`;
  // The inner query computes each field once (OFFSET 0 keeps PostgreSQL from inlining them into
  // every place the outer one reads them); most lines need no quoting and are joined as they are.
  return Prisma.sql`SELECT string_agg(CASE WHEN ${csvPlainSql(TEXT_FIELDS.map((c) => Prisma.raw(`f.${c}`)))}
        THEN ${line(false)} ELSE ${line(true)} END || chr(10), '' ${order}) AS text,
      count(*)::int AS rows
    FROM (SELECT x.created_at, x.refund_request_id, ${csvTimeSql(Prisma.sql`x.created_at`)} AS created_at_text,
        coalesce(x.refund_id, '') AS refund_id, x.payment_id::text AS payment_id,
        ${neutraliseFormulaSql(Prisma.sql`x.payment_request_id::text`)} AS payment_request_id,
        ${neutraliseFormulaSql(Prisma.sql`x.method::text`)} AS method, x.status::text AS status,
        ${neutraliseFormulaSql(note)} AS attention, ${majorStringSql(Prisma.sql`x.amount_value`, Prisma.sql`x.currency`)} AS amount,
        x.currency::text AS currency, coalesce(x.result_status, '') AS result_status, coalesce(x.result_code, '') AS result_code,
        ${neutraliseFormulaSql(Prisma.sql`x.result_message`)} AS result_message, ${neutraliseFormulaSql(Prisma.sql`x.reason`)} AS reason,
        coalesce(x.reason_code::text, '') AS reason_code, ${neutraliseFormulaSql(Prisma.sql`x.requester_email`)} AS requested_by,
        CASE WHEN x.finalized_at IS NULL THEN '' ELSE ${csvTimeSql(Prisma.sql`x.finalized_at`)} END AS finalized_at_text,
        ${neutraliseFormulaSql(Prisma.sql`s.settlement_batch_id`)} AS settlement_batch,
        CASE WHEN s.fee_amount_value IS NULL THEN '' ELSE ${majorStringSql(Prisma.sql`s.fee_amount_value`, Prisma.sql`s.fee_currency`)} END AS settlement_fee,
        CASE WHEN s.settlement_amount_value IS NULL THEN '' ELSE ${majorStringSql(Prisma.sql`s.settlement_amount_value`, Prisma.sql`s.settlement_currency`)} END AS settlement_net,
        coalesce(s.settlement_currency::text, '') AS settlement_currency
      FROM (${part}) x
      LEFT JOIN LATERAL (SELECT y.settlement_batch_id, y.fee_amount_value, y.fee_currency, y.settlement_amount_value, y.settlement_currency
                           FROM antom_report_rows y
                          WHERE y.transaction_request_id = x.refund_request_id AND y.kind = 'SETTLEMENT' AND y.transaction_type = 'REFUND'
                          LIMIT 1) s ON true
      ORDER BY x.created_at DESC, x.refund_request_id DESC OFFSET 0) f`;
}

/** Where each batch of one part starts: its end, then the key `batchSize` rows further, until the part runs out. */
async function* batchStarts(rank: 0 | 1, filters: RefundFilters, asOf: Date, batchSize: number) {
  let from: PartSeek['from'];
  while (true) {
    yield from;
    const sql = refundPartKeySql(rank, filters, asOf, { way: 'down', from }, batchSize);
    const [key] = sql ? await prisma.$queryRaw<{ ms: bigint; id: string }[]>(sql) : [];
    if (!key) return;
    const next: [number, string] = [Number(key.ms), key.id];
    // Each batch must start after the one before: never loop on a key that did not move. (Ids are
    // ordered by the database's collation, so only equality is checked here, not their order.)
    if (from && (next[0] > from[0] || (next[0] === from[0] && next[1] === from[1])))
      throw new Error(`CSV export: the keyset did not advance past ${JSON.stringify(from)}`);
    from = next;
  }
}

async function readBatch(
  rank: 0 | 1,
  filters: RefundFilters,
  asOf: Date,
  timeZone: string,
  from: PartSeek['from'],
  batchSize: number,
) {
  const sql = refundCsvBatchSql(rank, filters, asOf, { way: 'down', from }, batchSize);
  if (!sql) return null;
  const [, [batch]] = await prisma.$transaction([
    prisma.$queryRaw(setTimeZoneSql(timeZone)),
    prisma.$queryRaw<Batch[]>(sql),
  ]);
  return batch?.rows && batch.text ? batch.text : null;
}

/**
 * The CSV lines in batches, in list order. Formatting a batch is the database's heaviest work, so
 * `parallel` batches are formatted at once on their own connections; where each starts comes from
 * a cheap keys-only query run ahead of them. At most `parallel` batches wait in memory.
 */
async function* csvBatches(filters: RefundFilters, batchSize: number, asOf: Date, timeZone: string, parallel: number) {
  const inFlight: Promise<string | null>[] = [];
  try {
    for (const rank of [0, 1] as const) {
      for await (const from of batchStarts(rank, filters, asOf, batchSize)) {
        const batch = readBatch(rank, filters, asOf, timeZone, from, batchSize);
        batch.catch(() => {}); // observed below, in order; this only keeps an early failure from being "unhandled"
        inFlight.push(batch);
        if (inFlight.length >= parallel) {
          const text = await inFlight.shift()!;
          if (text) yield text;
        }
      }
      while (inFlight.length) {
        const text = await inFlight.shift()!;
        if (text) yield text;
      }
    }
  } finally {
    await Promise.allSettled(inFlight); // a cancelled export leaves no query behind
  }
}

/**
 * A byte stream of the CSV for these filters: a header line, then one line per refund. The viewer's
 * role is checked here, before anything is read: the stream is read after the route handler returned.
 */
export async function refundCsvStream(
  viewer: Actor,
  filters: RefundFilters,
  {
    batchSize = 5000,
    parallel = 2,
    timeZone = merchantTimeZone(),
    asOf = new Date(),
  }: { batchSize?: number; parallel?: number; timeZone?: string; asOf?: Date } = {},
): Promise<ReadableStream<Uint8Array>> {
  authorize(viewer, 'read');
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`Batch size must be a positive integer, got ${batchSize}`);
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new RangeError(`Parallel batches must be a positive integer, got ${parallel}`);
  const encoder = new TextEncoder();
  const batches = csvBatches(filters, batchSize, asOf, timeZone, parallel);
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

/**
 * The export as the route handler serves it: the viewer's role checked, the export (with the list's
 * filters as asked for, and the address it was asked from) in the audit log, then the stream.
 */
export async function exportRefunds(
  viewer: Actor,
  request: { filters: RefundFilters; asked: Record<string, string>; ip: string | null; timeZone: string },
): Promise<ReadableStream<Uint8Array>> {
  authorize(viewer, 'read');
  await writeAudit(prisma, {
    actorType: 'USER',
    actorId: viewer.id,
    action: 'refunds.exported',
    details: { filters: request.asked },
    ip: request.ip,
  });
  return refundCsvStream(viewer, request.filters, { timeZone: request.timeZone });
}
