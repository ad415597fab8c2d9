// Reads for the transactions pages. The list is keyset-paginated in (created_at DESC, payment_id
// DESC) order and written as SQL so that every filter lands on an index that already returns rows
// in that order (see the payments indexes in prisma/schema.prisma); pages cost the same at any depth.
import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { authorize, type Actor } from '../auth/roles';
import { prisma } from '../db';
import { queryRows } from '../db/sql';
import { Prisma } from '../generated/prisma/client';
import type { RefundFacts } from '../refunds/read/refund-facts';
import { paymentSearchSql, searchTerm, SEARCH_LIMIT, type IdKind } from './search-sql';
import type { Channel, PaymentDisplayStatus, PaymentStatus } from './states';
import { encodeCursor, epochMs, keysetSeek, pageSize, readKeysetPage } from '../pagination/keyset';
import type { Page, PageRequest } from '../pagination/keyset';

export interface PaymentFilters {
  /** As shown: Succeeded means nothing refunded; Partially refunded and Refunded are derived (states.ts). */
  status?: PaymentDisplayStatus;
  method?: string;
  currency?: string;
  channel?: Channel;
  /** created_at >= from */
  from?: Date;
  /** created_at < to */
  to?: Date;
  /** Minor units of `currency`: an amount means nothing without its currency, so both need it. */
  minAmount?: number;
  maxAmount?: number;
}

export interface PaymentListRow {
  paymentId: string;
  paymentRequestId: string;
  channel: Channel;
  method: string;
  status: PaymentStatus;
  amountValue: number;
  currency: string;
  refundedValue: number;
  refundHeldValue: number;
  createdAt: Date;
  paidAt: Date | null;
}

export type { IdKind };

export interface PaymentSearchRow extends PaymentListRow {
  /** Which of the four ids the search text matched. */
  matchedBy: IdKind;
  /** False when the text is only the start of that id. */
  exact: boolean;
}

export interface PaymentSearchResult {
  rows: PaymentSearchRow[];
  /** More payments match than are shown: a longer part of the id narrows them. */
  more: boolean;
}

const COLUMNS = Prisma.sql`p.payment_id, p.payment_request_id, p.channel::text AS channel, p.method, p.status::text AS status,
  p.amount_value, p.currency, p.refunded_value, p.refund_held_value, p.created_at, p.paid_at`;

export interface RawPayment {
  payment_id: string;
  payment_request_id: string;
  channel: Channel;
  method: string;
  status: PaymentStatus;
  amount_value: number;
  currency: string;
  refunded_value: number;
  refund_held_value: number;
  created_at: Date;
  paid_at: Date | null;
}

export function toPaymentRow(r: RawPayment): PaymentListRow {
  return {
    paymentId: r.payment_id,
    paymentRequestId: r.payment_request_id,
    channel: r.channel,
    method: r.method,
    status: r.status,
    amountValue: r.amount_value,
    currency: r.currency,
    refundedValue: r.refunded_value,
    refundHeldValue: r.refund_held_value,
    createdAt: r.created_at,
    paidAt: r.paid_at,
  };
}

const cursorSchema = z.tuple([epochMs, z.string().min(1).max(64)]);

function cursorOf(row: PaymentListRow): string {
  return encodeCursor([row.createdAt.getTime(), row.paymentId]);
}

function filterConditions(f: PaymentFilters): Prisma.Sql[] {
  if ((f.minAmount !== undefined || f.maxAmount !== undefined) && !f.currency) {
    throw new RangeError(
      'An amount filter needs a currency: minor units mean different amounts in different currencies.',
    );
  }
  const where: Prisma.Sql[] = [];
  if (f.status) where.push(displayStatusSql(f.status));
  if (f.channel) where.push(Prisma.sql`p.channel = ${f.channel}::"Channel"`);
  if (f.method) where.push(Prisma.sql`p.method = ${f.method}`);
  if (f.currency) where.push(Prisma.sql`p.currency = ${f.currency}`);
  if (f.from) where.push(Prisma.sql`p.created_at >= ${f.from}`);
  if (f.to) where.push(Prisma.sql`p.created_at < ${f.to}`);
  if (f.minAmount !== undefined) where.push(Prisma.sql`p.amount_value >= ${f.minAmount}`);
  if (f.maxAmount !== undefined) where.push(Prisma.sql`p.amount_value <= ${f.maxAmount}`);
  return where;
}

/**
 * Payments shown with this status (paymentDisplayStatus in states.ts, in SQL). The refunded states
 * are written as literals exactly as their partial indexes' predicates (migration 20261203040200),
 * so the planner reads those indexes in list order.
 */
export function displayStatusSql(status: PaymentDisplayStatus): Prisma.Sql {
  if (status === 'PARTIALLY_REFUNDED')
    return Prisma.sql`p.status = 'SUCCESS' AND p.refunded_value > 0 AND p.refunded_value < p.amount_value`;
  if (status === 'REFUNDED')
    return Prisma.sql`p.status = 'SUCCESS' AND p.refunded_value > 0 AND p.refunded_value >= p.amount_value`;
  if (status === 'SUCCESS') return Prisma.sql`p.status = 'SUCCESS' AND p.refunded_value = 0`;
  return Prisma.sql`p.status = ${status}::"PaymentStatus"`;
}

/** The SQL of one list page (exported so tests can EXPLAIN exactly what the page runs). */
export function paymentListSql(filters: PaymentFilters, page: PageRequest): Prisma.Sql {
  const limit = pageSize(page.limit);
  const where = filterConditions(filters);
  // One index condition on (created_at, payment_id), so the scan starts at the cursor.
  const seek = keysetSeek(page, cursorSchema, { time: Prisma.sql`p.created_at`, id: Prisma.sql`p.payment_id` });
  if (seek.condition) where.push(seek.condition);
  return Prisma.sql`SELECT ${COLUMNS} FROM payments p
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY p.created_at ${seek.order}, p.payment_id ${seek.order} LIMIT ${limit + 1}`;
}

/**
 * Up to `limit` payments after `after` (created_at, payment_id) in list order, for the CSV export:
 * the list's filters and index, in batches larger than a page.
 */
export function paymentBatchSql(filters: PaymentFilters, after: [Date, string] | null, limit: number): Prisma.Sql {
  const where = filterConditions(filters);
  if (after) where.push(Prisma.sql`(p.created_at, p.payment_id) < (${after[0]}, ${after[1]})`);
  return Prisma.sql`SELECT ${COLUMNS} FROM payments p
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY p.created_at DESC, p.payment_id DESC LIMIT ${limit}`;
}

/** One page of payments, newest first. An unreadable cursor starts from the first page. */
export async function listPayments(viewer: Actor, filters: PaymentFilters, page: PageRequest): Promise<PaymentPage> {
  authorize(viewer, 'read');
  const read = async (at: PageRequest) =>
    (await queryRows<RawPayment>(prisma, paymentListSql(filters, at))).map(toPaymentRow);
  return readKeysetPage(page, { cursorSchema, read, cursorOf });
}

type PaymentPage = Page<PaymentListRow>;

/** The SQL of an id search (lib/payments/search-sql.ts), with the list's columns; null when nothing can match. */
export function idSearchSql(text: string): Prisma.Sql | null {
  const term = searchTerm(text);
  return term ? paymentSearchSql(term, COLUMNS) : null;
}

/**
 * Payments whose paymentId or paymentRequestId, or one of whose refunds' refundId or
 * refundRequestId, is `text` (trimmed, any case), or starts with it when it is 8 characters or more.
 */
export async function searchPayments(viewer: Actor, text: string): Promise<PaymentSearchResult> {
  authorize(viewer, 'read');
  const sql = idSearchSql(text);
  if (!sql) return { rows: [], more: false };
  const raw = await queryRows<RawPayment & { matched_by: IdKind; exact: boolean }>(prisma, sql);
  return {
    rows: raw.slice(0, SEARCH_LIMIT).map((r) => ({ ...toPaymentRow(r), matchedBy: r.matched_by, exact: r.exact })),
    more: raw.length > SEARCH_LIMIT,
  };
}

export interface PaymentRefundRow extends RefundFacts {
  attentionReason: string | null;
  /** DASHBOARD, or EXTERNAL: made outside this dashboard and learnt from an Antom report (sourceNote says which). */
  source: 'DASHBOARD' | 'EXTERNAL';
  sourceNote: string | null;
  refundedAt: Date | null;
  updatedAt: Date;
  /** Approvals (issue 16): why it waits and until when, who approved it, or who cancelled it and why (none: expired). */
  approvalWhy: string | null;
  approvalExpiresAt: Date | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  cancelledByName: string | null;
  cancelReason: string | null;
}

export interface PaymentDetail extends PaymentListRow {
  syncedAt: Date | null;
  /** Why a person should look: a notifyPayment contradicted this payment (kept, not applied). */
  attentionReason: string | null;
  updatedAt: Date;
  /** Newest first. */
  refunds: PaymentRefundRow[];
}

/**
 * A payment and its refunds (two indexed statements, sent together on node-postgres: Prisma's nested
 * read cost several times the CPU), or null. Cached for the request.
 */
export const getPaymentDetail = cache(async (viewer: Actor, paymentId: string): Promise<PaymentDetail | null> => {
  authorize(viewer, 'read');
  if (!paymentId || paymentId.length > 64) return null;
  const [[payment], refunds] = await Promise.all([
    queryRows<RawPayment & { synced_at: Date | null; updated_at: Date; attention_reason: string | null }>(
      prisma,
      Prisma.sql`SELECT payment_id, payment_request_id, channel::text AS channel, method, status::text AS status, amount_value,
          currency, refunded_value, refund_held_value, created_at, paid_at, synced_at, updated_at, attention_reason
        FROM payments WHERE payment_id = ${paymentId}`,
    ),
    // Named as PaymentRefundRow names them, so the rows need no mapping.
    queryRows<PaymentRefundRow>(
      prisma,
      Prisma.sql`SELECT r.refund_request_id AS "refundRequestId", r.refund_id AS "refundId", r.amount_value AS "amountValue",
          r.currency, r.status::text AS status, r.result_code AS "resultCode", r.result_status AS "resultStatus",
          r.result_message AS "resultMessage", r.reason, r.attention_reason AS "attentionReason",
          r.source::text AS source, r.source_note AS "sourceNote",
          CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name, 'email', u.email) END AS "requestedBy",
          r.created_at AS "createdAt", r.refunded_at AS "refundedAt", r.finalized_at AS "finalizedAt", r.updated_at AS "updatedAt",
          r.approval_why AS "approvalWhy", r.approval_expires_at AS "approvalExpiresAt", r.approved_at AS "approvedAt",
          ua.name AS "approvedByName", uc.name AS "cancelledByName", r.cancel_reason AS "cancelReason"
        FROM refunds r LEFT JOIN users u ON u.id = r.requested_by_id
        LEFT JOIN users ua ON ua.id = r.approved_by_id
        LEFT JOIN users uc ON uc.id = r.cancelled_by_id
        WHERE r.payment_id = ${paymentId}
        ORDER BY r.created_at DESC, r.refund_request_id DESC`,
    ),
  ]);
  if (!payment) return null;
  return {
    ...toPaymentRow(payment),
    syncedAt: payment.synced_at,
    attentionReason: payment.attention_reason,
    updatedAt: payment.updated_at,
    refunds,
  };
});

/**
 * The methods and currencies that occur in payments, in one statement: each through its own index
 * by a recursive skip scan (a few probes per value, never a scan of the table).
 */
export const paymentFilterOptionsSql = Prisma.sql`WITH RECURSIVE m AS (
    (SELECT method AS value FROM payments ORDER BY method LIMIT 1)
    UNION ALL
    SELECT (SELECT method FROM payments WHERE method > m.value ORDER BY method LIMIT 1) FROM m WHERE m.value IS NOT NULL
  ), c AS (
    (SELECT currency AS value FROM payments ORDER BY currency LIMIT 1)
    UNION ALL
    SELECT (SELECT currency FROM payments WHERE currency > c.value ORDER BY currency LIMIT 1) FROM c WHERE c.value IS NOT NULL
  )
  SELECT coalesce((SELECT array_agg(value ORDER BY value) FROM m WHERE value IS NOT NULL), '{}') AS methods,
    coalesce((SELECT array_agg(value::text ORDER BY value) FROM c WHERE value IS NOT NULL), '{}') AS currencies`;

/** The methods and currencies that occur in payments, for the filter menus. */
export const getPaymentFilterOptions = cache(
  async (viewer: Actor): Promise<{ methods: string[]; currencies: string[] }> => {
    authorize(viewer, 'read');
    const [row] = await queryRows<{ methods: string[]; currencies: string[] }>(prisma, paymentFilterOptionsSql);
    return { methods: row!.methods, currencies: row!.currencies };
  },
);
