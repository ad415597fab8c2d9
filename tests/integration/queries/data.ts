// Test data for the query tests: each file uses its own id prefix and its own stretch of calendar
// time (far from "now"), and filters by that time, so files running in parallel on the one test
// database never see each other's rows.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../lib/db/client';

export const tag = (prefix: string) => `${prefix}${randomBytes(4).toString('hex').toUpperCase()}`;

export interface PaymentSeed {
  paymentId: string;
  paymentRequestId: string;
  createdAt: Date;
  amountValue?: number;
  currency?: string;
  method?: string;
  channel?: 'ONLINE' | 'IN_STORE';
  status?: 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING';
}

export async function insertPayments(db: Db, rows: PaymentSeed[]) {
  await db.payment.createMany({
    data: rows.map((p) => ({
      amountValue: 10_000,
      currency: 'USD',
      method: 'ALIPAY_CN',
      channel: 'ONLINE' as const,
      status: 'SUCCESS' as const,
      ...p,
      paidAt: p.createdAt,
      updatedAt: p.createdAt,
    })),
  });
}

export interface RefundSeed {
  refundRequestId: string;
  paymentId: string;
  amountValue: number;
  currency: string;
  createdAt: Date;
  status?: 'CREATED' | 'PROCESSING' | 'UNKNOWN' | 'SUCCESS' | 'FAILED';
  refundId?: string | null;
  resultCode?: string | null;
  resultStatus?: string | null;
  resultMessage?: string | null;
  reason?: string | null;
  attentionReason?: string | null;
  requestedById?: string | null;
  finalizedAt?: Date | null;
}

export async function insertRefunds(db: Db, rows: RefundSeed[]) {
  await db.refund.createMany({
    data: rows.map((r) => ({
      status: 'SUCCESS' as const,
      ...r,
      idempotencyKey: `k_${r.refundRequestId}`,
      updatedAt: r.createdAt,
    })),
  });
}

export async function insertUser(db: Db, name: string) {
  return db.user.create({
    data: { email: `${tag('u')}@queries.test`.toLowerCase(), name, role: 'REFUNDER', passwordHash: 'x' },
    select: { id: true, name: true, email: true },
  });
}

/** Newest first, ties broken by id descending: the order every list promises. */
export function listOrder<T extends { createdAt: Date }>(rows: T[], id: (row: T) => string): T[] {
  return [...rows].sort(
    (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (id(a) < id(b) ? 1 : id(a) > id(b) ? -1 : 0),
  );
}
