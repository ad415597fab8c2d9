// Reads for the refund audit pages: one page of the list (refunds that need a person first, then
// the others, each newest first) through one keyset cursor (rank, created_at, refund_request_id,
// and the instant the first page was read: see list-sql.ts), and the list's filter menus. Each
// checks the viewer's role; the statements come from list-sql.ts.
import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { authorize, type Actor } from '../../auth/roles';
import { prisma } from '../../db';
import { queryRows } from '../../db/sql';
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
} from '../../pagination/keyset';
import type { RefundReasonCode } from '../reasons';
import type { RefundStatus } from '../states';
import {
  refundFilterChoicesSql,
  refundPartSql,
  ruleNote,
  type PartSeek,
  type Rank,
  type RefundFilters,
  type RefundListRow,
  type UserOption,
} from './list-sql';

export interface RefundListOptions extends PageRequest {
  /** The instant "stuck" is measured from; defaults to now (first page) or the cursor's. */
  asOf?: Date;
}

interface RawRefund {
  refund_request_id: string;
  refund_id: string | null;
  payment_id: string;
  payment_request_id: string;
  method: string;
  channel: 'ONLINE' | 'IN_STORE' | null;
  amount_value: number;
  currency: string;
  status: RefundStatus;
  result_code: string | null;
  result_status: string | null;
  result_message: string | null;
  reason: string | null;
  reason_code: RefundReasonCode | null;
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

function toRow(r: RawRefund, rank: Rank, asOf: Date): Row {
  const needsAttention = rank === 0;
  return {
    rank,
    asOf,
    refundRequestId: r.refund_request_id,
    refundId: r.refund_id,
    paymentId: r.payment_id,
    paymentRequestId: r.payment_request_id,
    method: r.method,
    channel: r.channel,
    amountValue: r.amount_value,
    currency: r.currency,
    status: r.status,
    resultCode: r.result_code,
    resultStatus: r.result_status,
    resultMessage: r.result_message,
    reason: r.reason,
    reasonCode: r.reason_code,
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
  if (reachedTop(result, direction, limit)) return fetchRefundPage(filters, { direction: 'first', limit, asOf });
  return { ...result, rows: result.rows.map(({ rank: _rank, asOf: _asOf, ...row }) => row) };
}

/** One page of refunds: those needing attention first, then the rest, each newest first. */
export async function listRefunds(
  viewer: Actor,
  filters: RefundFilters,
  options: RefundListOptions,
): Promise<Page<RefundListRow>> {
  authorize(viewer, 'read');
  return fetchRefundPage(filters, options);
}

const refundFilterChoices = cache(async (): Promise<{ codes: string[]; users: UserOption[] }> => {
  const [row] = await queryRows<{ codes: string[]; users: UserOption[] }>(prisma, refundFilterChoicesSql);
  return { codes: row!.codes, users: row!.users };
});

/** Distinct result codes, for the filter menu. */
export async function listRefundResultCodes(viewer: Actor): Promise<string[]> {
  authorize(viewer, 'read');
  return (await refundFilterChoices()).codes;
}

/** The people who can have asked for refunds, for the initiator filter. */
export async function listUserOptions(viewer: Actor): Promise<UserOption[]> {
  authorize(viewer, 'read');
  return (await refundFilterChoices()).users;
}

export type { RefundFilters, RefundListRow, UserOption } from './list-sql';
