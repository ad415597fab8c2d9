// The "Waiting for approval" queue (issue 16): refunds an approval rule holds, oldest first, with
// what an approver needs to decide (payment, amount, requester, reason, why, age, expiry), and the
// count the navigation shows. Read from the index refunds(status, approval_expires_at).
import { authorize, type Actor } from '../auth/roles';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { REFUND_REQUEST_ID } from '../ids';

export interface WaitingRefund {
  refundRequestId: string;
  paymentId: string;
  paymentMethod: string;
  paymentAmountValue: number;
  amountValue: number;
  currency: string;
  reason: string | null;
  /** Which rule held it, in words. */
  why: string | null;
  requesterId: string | null;
  requesterName: string | null;
  requestedAt: Date;
  expiresAt: Date | null;
}

/** Refunds waiting for approval, the oldest (soonest to expire) first. */
export async function waitingRefunds(db: Db, viewer: Actor, limit = 200): Promise<WaitingRefund[]> {
  authorize(viewer, 'read');
  return queryRows<WaitingRefund>(
    db,
    Prisma.sql`
    SELECT r.refund_request_id AS "refundRequestId", r.payment_id AS "paymentId", p.method AS "paymentMethod",
           p.amount_value AS "paymentAmountValue", r.amount_value AS "amountValue", r.currency, r.reason,
           r.approval_why AS why, r.requested_by_id::text AS "requesterId", u.name AS "requesterName",
           r.created_at AS "requestedAt", r.approval_expires_at AS "expiresAt"
      FROM refunds r
      JOIN payments p ON p.payment_id = r.payment_id
      LEFT JOIN users u ON u.id = r.requested_by_id
     WHERE r.status = 'PENDING_APPROVAL'
     ORDER BY r.approval_expires_at, r.refund_request_id
     LIMIT ${limit}::int`,
  );
}

/** How many refunds wait for approval (the navigation's count). */
export async function waitingCount(db: Db, viewer: Actor): Promise<number> {
  authorize(viewer, 'read');
  const [row] = await queryRows<{ n: number }>(
    db,
    Prisma.sql`SELECT count(*)::int AS n FROM refunds WHERE status = 'PENDING_APPROVAL'`,
  );
  return row?.n ?? 0;
}

export interface DecidedRefund {
  refundRequestId: string;
  paymentId: string;
  amountValue: number;
  currency: string;
  status: string;
  approvedByName: string | null;
  cancelledByName: string | null;
  cancelReason: string | null;
}

/** A refund just decided on, for the queue's confirmation after the decision (null: no such refund). */
export async function decidedRefund(db: Db, viewer: Actor, refundRequestId: string): Promise<DecidedRefund | null> {
  authorize(viewer, 'read');
  if (!REFUND_REQUEST_ID.test(refundRequestId)) return null;
  const [row] = await queryRows<DecidedRefund>(
    db,
    Prisma.sql`
    SELECT r.refund_request_id AS "refundRequestId", r.payment_id AS "paymentId", r.amount_value AS "amountValue",
           r.currency, r.status::text AS status, ua.name AS "approvedByName", uc.name AS "cancelledByName",
           r.cancel_reason AS "cancelReason"
      FROM refunds r
      LEFT JOIN users ua ON ua.id = r.approved_by_id
      LEFT JOIN users uc ON uc.id = r.cancelled_by_id
     WHERE r.refund_request_id = ${refundRequestId}`,
  );
  return row ?? null;
}
