// The same pages done the common way, as the baseline: OFFSET pagination plus a COUNT(*) for the
// page count, and the id search as one OR over the four ids (what an ORM's `OR` + `some` gives).
// Written here on purpose: it is what the dashboard's queries are compared against, not a copy of them.
import type { AuditFilters } from '../../lib/audit/queries';
import { Prisma } from '../../lib/db/client';
import type { PaymentFilters } from '../../lib/payments/queries';
import { CREATED_STALE_MS, PROCESSING_STALE_MS, type RefundFilters } from '../../lib/refunds/read/list-sql';

const PAGE_SIZE = 25;
const where = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
const PAYMENT_COLUMNS = Prisma.sql`p.payment_id, p.payment_request_id, p.channel, p.method, p.status, p.amount_value,
  p.currency, p.refunded_value, p.refund_held_value, p.created_at, p.paid_at`;

function paymentConditions(f: PaymentFilters): Prisma.Sql[] {
  const c: Prisma.Sql[] = [];
  // The shown status the common way: computed per row, then compared.
  if (f.status)
    c.push(Prisma.sql`(CASE WHEN p.status = 'SUCCESS' AND p.refunded_value > 0
      THEN CASE WHEN p.refunded_value >= p.amount_value THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END
      ELSE p.status::text END) = ${f.status}`);
  if (f.channel) c.push(Prisma.sql`p.channel = ${f.channel}::"Channel"`);
  if (f.method) c.push(Prisma.sql`p.method = ${f.method}`);
  if (f.currency) c.push(Prisma.sql`p.currency = ${f.currency}`);
  if (f.from) c.push(Prisma.sql`p.created_at >= ${f.from}`);
  if (f.to) c.push(Prisma.sql`p.created_at < ${f.to}`);
  if (f.minAmount !== undefined) c.push(Prisma.sql`p.amount_value >= ${f.minAmount}`);
  if (f.maxAmount !== undefined) c.push(Prisma.sql`p.amount_value <= ${f.maxAmount}`);
  return c;
}

export function offsetPaymentPage(filters: PaymentFilters, page: number): Prisma.Sql[] {
  const w = where(paymentConditions(filters));
  return [
    Prisma.sql`SELECT ${PAYMENT_COLUMNS} FROM payments p ${w}
      ORDER BY p.created_at DESC, p.payment_id DESC LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
    Prisma.sql`SELECT count(*) FROM payments p ${w}`,
  ];
}

export function orSearch(query: string): Prisma.Sql[] {
  // Trimmed, any case, and a prefix from 8 characters: ILIKE over the four ids.
  const text = query.trim();
  const pattern = text.length >= 8 ? `${text.replace(/[\\%_]/g, '\\$&')}%` : text.replace(/[\\%_]/g, '\\$&');
  const w = Prisma.sql`WHERE p.payment_id ILIKE ${pattern} OR p.payment_request_id ILIKE ${pattern}
    OR p.payment_id IN (SELECT payment_id FROM refunds WHERE refund_id ILIKE ${pattern} OR refund_request_id ILIKE ${pattern})`;
  return [
    Prisma.sql`SELECT ${PAYMENT_COLUMNS} FROM payments p ${w} ORDER BY p.created_at DESC LIMIT ${PAGE_SIZE}`,
    Prisma.sql`SELECT count(*) FROM payments p ${w}`,
  ];
}

/** Refunds needing attention first, then the rest, newest first: one ORDER BY over a CASE. */
export function offsetRefundPage(filters: RefundFilters, asOf: Date): Prisma.Sql[] {
  const c: Prisma.Sql[] = [];
  if (filters.status && filters.status !== 'ATTENTION')
    c.push(Prisma.sql`r.status = ${filters.status}::"RefundStatus"`);
  if (filters.from) c.push(Prisma.sql`r.created_at >= ${filters.from}`);
  if (filters.to) c.push(Prisma.sql`r.created_at < ${filters.to}`);
  if (filters.initiatorId) c.push(Prisma.sql`r.requested_by_id = ${filters.initiatorId}::uuid`);
  if (filters.resultCode) c.push(Prisma.sql`r.result_code = ${filters.resultCode}`);
  const attention = Prisma.sql`(r.status = 'UNKNOWN' OR r.attention_reason IS NOT NULL
    OR (r.status = 'CREATED' AND r.created_at < ${new Date(asOf.getTime() - CREATED_STALE_MS)})
    OR (r.status = 'PROCESSING' AND r.created_at < ${new Date(asOf.getTime() - PROCESSING_STALE_MS)}))`;
  return [
    Prisma.sql`SELECT r.*, p.channel, u.name, u.email, CASE WHEN ${attention} THEN 0 ELSE 1 END AS rank
      FROM refunds r JOIN payments p USING (payment_id) LEFT JOIN users u ON u.id = r.requested_by_id ${where(c)}
      ORDER BY rank, r.created_at DESC, r.refund_request_id DESC LIMIT ${PAGE_SIZE} OFFSET 0`,
    Prisma.sql`SELECT count(*) FROM refunds r ${where(c)}`,
  ];
}

export function offsetAuditPage(filters: AuditFilters): Prisma.Sql[] {
  const c: Prisma.Sql[] = [];
  if (filters.action) c.push(Prisma.sql`a.action = ${filters.action}`);
  if (filters.from) c.push(Prisma.sql`a.at >= ${filters.from}`);
  if (filters.to) c.push(Prisma.sql`a.at < ${filters.to}`);
  return [
    Prisma.sql`SELECT a.*, u.name, u.email FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_id ${where(c)}
      ORDER BY a.at DESC, a.id DESC LIMIT ${PAGE_SIZE} OFFSET 0`,
    Prisma.sql`SELECT count(*) FROM audit_logs a ${where(c)}`,
  ];
}
