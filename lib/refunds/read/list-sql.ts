// The SQL of the refund list, pure: builders that take filters and a position and return a
// statement, importing nothing from auth or the database client, so the list page, the overview,
// the CSV export and the EXPLAIN tests all run exactly the same statements.
//
// The list puts refunds that need a person first, then all the others, each part newest first.
// "Needs attention" depends on the time (a CREATED refund becomes stuck after a minute), so a
// reader passes the instant the first page was read (asOf): paging on never moves a refund from one
// part to the other under the reader's feet.
import { Prisma } from '../../generated/prisma/client';
import { STUCK_AFTER_MS } from '../schedule';
import type { Channel } from '../../payments/states';
import type { RefundReasonCode } from '../reasons';
import type { RefundStatus } from '../states';
import type { RefundFacts, Requester } from './refund-facts';

/** A CREATED refund not sent within this long was probably cut off before reaching Antom. */
export const CREATED_STALE_MS = 60_000;
/** PROCESSING this long is "long processing": the reconciler's stuck threshold. */
export const PROCESSING_STALE_MS = STUCK_AFTER_MS;

export interface RefundFilters {
  /** A status, or ATTENTION for only the refunds that need a person. */
  status?: RefundStatus | 'ATTENTION';
  from?: Date;
  to?: Date;
  /** users.id of the person who asked for the refund. */
  initiatorId?: string;
  resultCode?: string;
  /** The reason picked on the refund form. */
  reasonCode?: RefundReasonCode;
}

export interface RefundListRow extends RefundFacts {
  paymentId: string;
  /** The merchant's own id of the payment (its order id), and the payment method. */
  paymentRequestId: string;
  method: string;
  /** The payment's channel (for the wording of result codes). */
  channel: Channel | null;
  needsAttention: boolean;
  /** Why it needs attention, in words: the engine's own reason, or the rule that put it here. */
  attentionNote: string | null;
  /** The reason picked on the refund form; null before the picker and for external refunds. */
  reasonCode: RefundReasonCode | null;
}

/** Why a refund with no attention_reason of its own is in the attention part (also the CSV's words). */
export function ruleNote(status: RefundStatus): string | null {
  if (status === 'UNKNOWN') return 'Outcome unknown: check the status, or retry with the same request id.';
  if (status === 'CREATED') return 'Not sent to Antom within a minute of being created.';
  if (status === 'PROCESSING') return `Still processing after ${Math.round(PROCESSING_STALE_MS / 60_000)} minutes.`;
  return null;
}

/**
 * The two parts of the list as disjoint WHERE clauses. Needing attention is split by status so
 * each branch reads the (status, created_at, refund_request_id) index in list order; the
 * attention_reason branch is small and has its own index.
 */
/**
 * An instant as SQL: ISO 8601 in UTC, so that it names the same instant whatever the session's
 * TimeZone (the CSV export sets the merchant's zone to format times in).
 */
function at(date: Date): Prisma.Sql {
  return Prisma.sql`${date.toISOString()}::timestamptz`;
}

function parts(status: RefundFilters['status'], asOf: Date): { attention: Prisma.Sql[]; rest: Prisma.Sql | null } {
  const createdCutoff = at(new Date(asOf.getTime() - CREATED_STALE_MS));
  const processingCutoff = at(new Date(asOf.getTime() - PROCESSING_STALE_MS));
  const only = status && status !== 'ATTENTION' ? status : null;
  const allows = (s: RefundStatus) => !only || only === s;
  const notStale = Prisma.sql`r.status <> 'UNKNOWN'
    AND NOT (r.status = 'CREATED' AND r.created_at < ${createdCutoff})
    AND NOT (r.status = 'PROCESSING' AND r.created_at < ${processingCutoff})`;
  const statusIs = only ? Prisma.sql` AND r.status = ${only}::"RefundStatus"` : Prisma.empty;

  const attention: Prisma.Sql[] = [];
  if (allows('UNKNOWN')) attention.push(Prisma.sql`r.status = 'UNKNOWN'`);
  if (allows('CREATED')) attention.push(Prisma.sql`r.status = 'CREATED' AND r.created_at < ${createdCutoff}`);
  if (allows('PROCESSING')) attention.push(Prisma.sql`r.status = 'PROCESSING' AND r.created_at < ${processingCutoff}`);
  // Flagged for a reason, and not already in a branch above (an UNKNOWN refund always is).
  if (only !== 'UNKNOWN') attention.push(Prisma.sql`r.attention_reason IS NOT NULL AND ${notStale}${statusIs}`);

  const rest =
    status === 'ATTENTION' || only === 'UNKNOWN'
      ? null
      : Prisma.sql`r.attention_reason IS NULL AND ${notStale}${statusIs}`;
  return { attention, rest };
}

function filterConditions(f: RefundFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.from) where.push(Prisma.sql`r.created_at >= ${at(f.from)}`);
  if (f.to) where.push(Prisma.sql`r.created_at < ${at(f.to)}`);
  if (f.initiatorId) where.push(Prisma.sql`r.requested_by_id = ${f.initiatorId}::uuid`);
  if (f.resultCode) where.push(Prisma.sql`r.result_code = ${f.resultCode}`);
  if (f.reasonCode) where.push(Prisma.sql`r.reason_code = ${f.reasonCode}::"RefundReasonCode"`);
  return where;
}

const COLUMNS = Prisma.sql`r.refund_request_id, r.refund_id, r.payment_id, r.amount_value, r.currency, r.status::text AS status,
  r.result_code, r.result_status, r.result_message, r.reason, r.reason_code::text AS reason_code, r.attention_reason, r.requested_by_id, r.created_at, r.finalized_at`;

/** The list's two parts: 0 needs a person, 1 the rest. */
export type Rank = 0 | 1;

/** Where to read a part from: newest first ('down') or oldest first ('up'), after a boundary row or from its end. */
export interface PartSeek {
  way: 'down' | 'up';
  from?: [ms: number, refundRequestId: string];
}

/**
 * Up to `limit` rows of one part of the list (0: needing attention, 1: the rest) in list order
 * ('down') or reverse ('up'), with these columns of refunds r; null when the part is empty by
 * construction. Each attention branch reads the (status, created_at, refund_request_id) index in
 * order and stops at `limit`.
 */
function partRowsSql(
  rank: Rank,
  filters: RefundFilters,
  asOf: Date,
  seek: PartSeek,
  limit: number,
  columns: Prisma.Sql,
): Prisma.Sql | null {
  const { attention, rest } = parts(filters.status, asOf);
  const predicates = rank === 0 ? attention : rest ? [rest] : [];
  if (!predicates.length) return null;
  const dir = direction(seek);
  const where = filterConditions(filters);
  if (seek.from) {
    const [ms, id] = seek.from;
    // Row comparison: one index condition on (created_at, refund_request_id), so the scan starts at the cursor.
    where.push(
      seek.way === 'up'
        ? Prisma.sql`(r.created_at, r.refund_request_id) > (${at(new Date(ms))}, ${id})`
        : Prisma.sql`(r.created_at, r.refund_request_id) < (${at(new Date(ms))}, ${id})`,
    );
  }
  const select = (predicate: Prisma.Sql) =>
    Prisma.sql`SELECT ${columns} FROM refunds r WHERE ${Prisma.join([predicate, ...where], ' AND ')}
      ORDER BY r.created_at ${dir}, r.refund_request_id ${dir} LIMIT ${limit}`;
  return predicates.length === 1
    ? select(predicates[0]!)
    : Prisma.sql`SELECT * FROM (${Prisma.join(
        predicates.map((p) => Prisma.sql`(${select(p)})`),
        ' UNION ALL ',
      )}) b ORDER BY created_at ${dir}, refund_request_id ${dir} LIMIT ${limit}`;
}

function direction(seek: PartSeek): Prisma.Sql {
  return Prisma.raw(seek.way === 'up' ? 'ASC' : 'DESC');
}

/**
 * The SQL for up to `limit` rows of one part of the list in list order ('down') or reverse ('up'),
 * or null when the part is empty by construction. Only the rows kept are joined to their payment
 * and requester.
 */
export function refundPartSql(
  rank: Rank,
  filters: RefundFilters,
  asOf: Date,
  seek: PartSeek,
  limit: number,
): Prisma.Sql | null {
  const rows = partRowsSql(rank, filters, asOf, seek, limit, COLUMNS);
  if (!rows) return null;
  const dir = direction(seek);
  // The payment's order id and method say which sale a refund belongs to (list and CSV); its channel
  // chooses the wording of result codes on screen.
  // Each row's payment by its primary key (OFFSET 0 keeps the planner from turning this into a hash
  // join over the whole payments table for an export's large batches).
  return Prisma.sql`SELECT t.*, p.channel, p.payment_request_id, p.method,
      u.name AS requester_name, u.email AS requester_email
    FROM (${rows}) t
    CROSS JOIN LATERAL (SELECT channel::text AS channel, payment_request_id, method FROM payments
                         WHERE payment_id = t.payment_id OFFSET 0) p
    LEFT JOIN users u ON u.id = t.requested_by_id
    ORDER BY t.created_at ${dir}, t.refund_request_id ${dir}`;
}

/**
 * The key of the `n`th row of one part after `seek.from` (as epoch milliseconds and
 * refund_request_id), or no row when fewer than `n` follow; null when the part is empty by
 * construction. It reads only the index's keys, so the CSV export can find where its next batches
 * start while earlier ones are still being formatted.
 */
export function refundPartKeySql(
  rank: Rank,
  filters: RefundFilters,
  asOf: Date,
  seek: PartSeek,
  n: number,
): Prisma.Sql | null {
  const rows = partRowsSql(rank, filters, asOf, seek, n, Prisma.sql`r.created_at, r.refund_request_id`);
  if (!rows) return null;
  const dir = direction(seek);
  return Prisma.sql`SELECT (extract(epoch FROM k.created_at) * 1000)::bigint AS ms, k.refund_request_id::text AS id
    FROM (${rows}) k ORDER BY k.created_at ${dir}, k.refund_request_id ${dir} OFFSET ${n - 1} LIMIT 1`;
}
export interface UserOption extends Requester {
  active: boolean;
}

/**
 * The refund list's two filter menus in one statement, read once per request (the page asks for
 * both): distinct result codes through the result_code index (a recursive skip scan, a few probes
 * per code) and the people who can have asked for refunds (a small table).
 */
export const refundFilterChoicesSql = Prisma.sql`WITH RECURSIVE c AS (
    (SELECT result_code AS code FROM refunds WHERE result_code IS NOT NULL ORDER BY result_code LIMIT 1)
    UNION ALL
    SELECT (SELECT result_code FROM refunds WHERE result_code > c.code ORDER BY result_code LIMIT 1) FROM c WHERE c.code IS NOT NULL
  )
  SELECT coalesce((SELECT array_agg(code ORDER BY code) FROM c WHERE code IS NOT NULL), '{}') AS codes,
    coalesce((SELECT json_agg(json_build_object('id', id, 'name', name, 'email', email, 'active', active) ORDER BY name, email)
      FROM users), '[]') AS users`;
