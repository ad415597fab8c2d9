// Reads for the refund audit pages. The list puts refunds that need a person first, then all the
// others, each part newest first, and pages through both with one keyset cursor
// (rank, created_at, refund_request_id). "Needs attention" depends on the time (a CREATED refund
// becomes stuck after a minute), so the cursor also carries the instant the first page was read:
// paging on never moves a refund from one part to the other under the reader's feet.
import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { requireUser } from '../auth/session';
import { prisma } from '../db';
import { queryRows } from '../db/sql';
import { Prisma } from '../generated/prisma/client';
import {
  decodeCursor,
  encodeCursor,
  epochMs,
  finishPage,
  pageSize,
  reachedTop,
  type Page,
  type PageDirection,
  type PageRequest,
} from '../pagination/keyset';
import { STUCK_AFTER_MS } from './schedule';

export const REFUND_STATUSES = ['CREATED', 'PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

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
}

export interface RefundListRow {
  refundRequestId: string;
  refundId: string | null;
  paymentId: string;
  /** The payment's channel (for the wording of result codes). The CSV export, built in SQL, skips it. */
  channel: 'ONLINE' | 'IN_STORE' | null;
  amountValue: number;
  currency: string;
  status: RefundStatus;
  resultCode: string | null;
  resultStatus: string | null;
  resultMessage: string | null;
  reason: string | null;
  needsAttention: boolean;
  /** Why it needs attention, in words: the engine's own reason, or the rule that put it here. */
  attentionNote: string | null;
  requestedBy: { id: string; name: string; email: string } | null;
  createdAt: Date;
  finalizedAt: Date | null;
}

export interface RefundListOptions extends PageRequest {
  /** The instant "stuck" is measured from; defaults to now (first page) or the cursor's. */
  asOf?: Date;
}

interface RawRefund {
  refund_request_id: string;
  refund_id: string | null;
  payment_id: string;
  channel: 'ONLINE' | 'IN_STORE' | null;
  amount_value: number;
  currency: string;
  status: RefundStatus;
  result_code: string | null;
  result_status: string | null;
  result_message: string | null;
  reason: string | null;
  attention_reason: string | null;
  requested_by_id: string | null;
  requester_name: string | null;
  requester_email: string | null;
  created_at: Date;
  finalized_at: Date | null;
}

type Row = RefundListRow & { rank: 0 | 1; asOf: Date };

const cursorSchema = z.tuple([z.union([z.literal(0), z.literal(1)]), epochMs, z.string().min(1).max(64), epochMs]);

function cursorOf(row: Row): string {
  return encodeCursor([row.rank, row.createdAt.getTime(), row.refundRequestId, row.asOf.getTime()]);
}

/** Why a refund with no attention_reason of its own is in the attention part (also the CSV's words). */
export function ruleNote(status: RefundStatus): string | null {
  if (status === 'UNKNOWN') return 'Outcome unknown: check the status, or retry with the same request id.';
  if (status === 'CREATED') return 'Not sent to Antom within a minute of being created.';
  if (status === 'PROCESSING') return `Still processing after ${Math.round(PROCESSING_STALE_MS / 60_000)} minutes.`;
  return null;
}

function toRow(r: RawRefund, rank: Rank, asOf: Date): Row {
  const needsAttention = rank === 0;
  return {
    rank,
    asOf,
    refundRequestId: r.refund_request_id,
    refundId: r.refund_id,
    paymentId: r.payment_id,
    channel: r.channel,
    amountValue: r.amount_value,
    currency: r.currency,
    status: r.status,
    resultCode: r.result_code,
    resultStatus: r.result_status,
    resultMessage: r.result_message,
    reason: r.reason,
    needsAttention,
    attentionNote: needsAttention ? (r.attention_reason ?? ruleNote(r.status)) : null,
    requestedBy: r.requested_by_id
      ? { id: r.requested_by_id, name: r.requester_name ?? '', email: r.requester_email ?? '' }
      : null,
    createdAt: r.created_at,
    finalizedAt: r.finalized_at,
  };
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
  return where;
}

const COLUMNS = Prisma.sql`r.refund_request_id, r.refund_id, r.payment_id, r.amount_value, r.currency, r.status::text AS status,
  r.result_code, r.result_status, r.result_message, r.reason, r.attention_reason, r.requested_by_id, r.created_at, r.finalized_at`;

type Rank = 0 | 1;

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
  { withChannel = true }: { withChannel?: boolean } = {},
): Prisma.Sql | null {
  const rows = partRowsSql(rank, filters, asOf, seek, limit, COLUMNS);
  if (!rows) return null;
  const dir = direction(seek);
  // The payment's channel only chooses the wording of result codes on screen; the export skips it.
  const channel = withChannel ? Prisma.sql`p.channel::text` : Prisma.sql`NULL::text`;
  return Prisma.sql`SELECT t.*, ${channel} AS channel, u.name AS requester_name, u.email AS requester_email
    FROM (${rows}) t
    ${withChannel ? Prisma.sql`JOIN payments p ON p.payment_id = t.payment_id` : Prisma.empty}
    LEFT JOIN users u ON u.id = t.requested_by_id
    ORDER BY t.created_at ${dir}, t.refund_request_id ${dir}`;
}

/**
 * The key of the `n`th row of one part after `seek.from` (as epoch milliseconds and
 * refund_request_id), or no row when fewer than `n` follow; null when the part is empty by
 * construction. It reads only the index's keys, so the CSV export can find where its next batches
 * start while earlier ones are still being formatted.
 */
export function refundPartKeySql(rank: Rank, filters: RefundFilters, asOf: Date, seek: PartSeek, n: number): Prisma.Sql | null {
  const rows = partRowsSql(rank, filters, asOf, seek, n, Prisma.sql`r.created_at, r.refund_request_id`);
  if (!rows) return null;
  const dir = direction(seek);
  return Prisma.sql`SELECT (extract(epoch FROM k.created_at) * 1000)::bigint AS ms, k.refund_request_id::text AS id
    FROM (${rows}) k ORDER BY k.created_at ${dir}, k.refund_request_id ${dir} OFFSET ${n - 1} LIMIT 1`;
}

/**
 * A page across the two parts: read the part the cursor is in, and when it runs out before the
 * page is full, continue into the next part (one query, two at the boundary between the parts).
 */
async function fetchRefundPage(filters: RefundFilters, options: RefundListOptions): Promise<Page<RefundListRow>> {
  const limit = pageSize(options.limit);
  const key = options.direction === 'first' ? null : decodeCursor(options.cursor, cursorSchema);
  const direction: PageDirection = key ? options.direction : 'first';
  const asOf = key ? new Date(key[3]) : (options.asOf ?? new Date());
  const want = limit + 1;
  const read = async (rank: Rank, seek: PartSeek, n: number): Promise<Row[]> => {
    const sql = refundPartSql(rank, filters, asOf, seek, n);
    return sql ? (await queryRows<RawRefund>(prisma, sql)).map((r) => toRow(r, rank, asOf)) : [];
  };

  const rows: Row[] = [];
  if (direction === 'before') {
    const [rank, ms, id] = key!;
    if (rank === 1) rows.push(...(await read(1, { way: 'up', from: [ms, id] }, want)));
    if (rows.length < want)
      rows.push(...(await read(0, rank === 0 ? { way: 'up', from: [ms, id] } : { way: 'up' }, want - rows.length)));
  } else {
    const [rank, ms, id] = key ?? [0, 0, ''];
    if (rank === 0) rows.push(...(await read(0, key ? { way: 'down', from: [ms, id] } : { way: 'down' }, want)));
    if (rows.length < want)
      rows.push(...(await read(1, rank === 1 ? { way: 'down', from: [ms, id] } : { way: 'down' }, want - rows.length)));
  }
  const result = finishPage(rows, limit, direction, cursorOf);
  if (reachedTop(result, direction, limit))
    return fetchRefundPage(filters, { direction: 'first', limit, asOf });
  return { ...result, rows: result.rows.map(({ rank: _rank, asOf: _asOf, ...row }) => row) };
}

/** One page of refunds: those needing attention first, then the rest, each newest first. */
export async function listRefunds(filters: RefundFilters, options: RefundListOptions): Promise<Page<RefundListRow>> {
  await requireUser('read');
  return fetchRefundPage(filters, options);
}

export interface UserOption {
  id: string;
  name: string;
  email: string;
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

const refundFilterChoices = cache(async (): Promise<{ codes: string[]; users: UserOption[] }> => {
  const [row] = await queryRows<{ codes: string[]; users: UserOption[] }>(prisma, refundFilterChoicesSql);
  return { codes: row!.codes, users: row!.users };
});

/** Distinct result codes, for the filter menu. */
export async function listRefundResultCodes(): Promise<string[]> {
  await requireUser('read');
  return (await refundFilterChoices()).codes;
}

/** The people who can have asked for refunds, for the initiator filter. */
export async function listUserOptions(): Promise<UserOption[]> {
  await requireUser('read');
  return (await refundFilterChoices()).users;
}
