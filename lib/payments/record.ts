// Writes what Antom's inquiryPayment reported about a payment: imports it when we do not hold it,
// updates its status when we do. Shared by "Refresh from Antom" (refresh.ts) and the look-up by id
// (lookup.ts). Never overwrites money: a report whose ids, amount, currency or channel contradict
// the payment we hold changes nothing.
import type { PaymentReport } from '../antom';
import { Prisma, type Db } from '../db/client';
import type { Channel, PaymentStatus } from './states';

export type RecordResult =
  | { ok: true; paymentId: string; imported: boolean; changed: boolean; previous: PaymentStatus | null }
  | { ok: false; conflict: string };

interface Held {
  paymentId: string;
  paymentRequestId: string;
  channel: Channel;
  status: PaymentStatus;
  amountValue: number;
  currency: string;
}

const HELD_COLUMNS = {
  paymentId: true,
  paymentRequestId: true,
  channel: true,
  status: true,
  amountValue: true,
  currency: true,
} as const;

function contradiction(held: Held, report: PaymentReport, channel: Channel): string | null {
  if (held.paymentId !== report.paymentId || held.paymentRequestId !== report.paymentRequestId)
    return `Antom pairs ${report.paymentId} with ${report.paymentRequestId}; the dashboard holds ${held.paymentId} with ${held.paymentRequestId}`;
  if (held.amountValue !== report.amount.value || held.currency !== report.amount.currency)
    return `Antom reports ${report.amount.value} ${report.amount.currency} (minor units); the dashboard holds ${held.amountValue} ${held.currency}`;
  if (held.channel !== channel) return `Antom reports it as ${channel}; the dashboard holds it as ${held.channel}`;
  return null;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

export async function recordPaymentReport(db: Db, report: PaymentReport, channel: Channel): Promise<RecordResult> {
  for (let attempt = 1; ; attempt++) {
    const held = await db.payment.findMany({
      where: { OR: [{ paymentRequestId: report.paymentRequestId }, { paymentId: report.paymentId }] },
      select: HELD_COLUMNS,
    });
    for (const row of held) {
      const conflict = contradiction(row, report, channel);
      if (conflict) return { ok: false, conflict };
    }
    const existing = held[0] ?? null;
    const now = new Date();
    try {
      if (existing) {
        await db.payment.update({
          where: { paymentId: existing.paymentId },
          data: { status: report.status, paidAt: report.paidAt ?? undefined, syncedAt: now },
          select: { paymentId: true },
        });
      } else {
        await db.payment.create({
          data: {
            paymentId: report.paymentId,
            paymentRequestId: report.paymentRequestId,
            channel,
            amountValue: report.amount.value,
            currency: report.amount.currency,
            method: report.method ?? 'UNKNOWN',
            status: report.status,
            createdAt: report.createdAt ?? now,
            paidAt: report.paidAt,
            syncedAt: now,
          },
          select: { paymentId: true },
        });
      }
    } catch (error) {
      // Someone else imported it between our read and our insert: read it again and update instead.
      if (!existing && attempt === 1 && isUniqueViolation(error)) continue;
      throw error;
    }
    return {
      ok: true,
      paymentId: report.paymentId,
      imported: !existing,
      changed: !existing || existing.status !== report.status,
      previous: existing?.status ?? null,
    };
  }
}

/**
 * Many payments at once that the dashboard does not hold yet, as Antom's reconciliation reports bring
 * them (issue 13: a day's report may bring a million). The same rule as recordPaymentReport, set-based:
 * a payment is only ever inserted, never written over; one whose paymentId or paymentRequestId is held
 * already is left alone and counted as a conflict (the reconciliation then shows how it differs).
 */
export async function recordNewPayments(
  db: Db,
  reports: readonly PaymentReport[],
  channel: Channel,
): Promise<{ imported: string[]; conflicts: number }> {
  if (reports.length === 0) return { imported: [], conflicts: 0 };
  const now = new Date();
  const rows = await db.$queryRaw<{ payment_id: string }[]>`
    INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at,
                          paid_at, synced_at, updated_at)
    SELECT t.payment_id, t.payment_request_id, ${channel}::"Channel", t.amount_value, t.currency, t.method,
           t.status::"PaymentStatus", coalesce(t.created_at, ${now}::timestamptz), t.paid_at, ${now}::timestamptz, ${now}::timestamptz
      FROM unnest(${reports.map((r) => r.paymentId)}::text[], ${reports.map((r) => r.paymentRequestId)}::text[],
                  ${reports.map((r) => r.amount.value)}::int[], ${reports.map((r) => r.amount.currency)}::text[],
                  ${reports.map((r) => r.method ?? 'UNKNOWN')}::text[], ${reports.map((r) => r.status)}::text[],
                  ${reports.map((r) => r.createdAt)}::timestamptz[], ${reports.map((r) => r.paidAt)}::timestamptz[])
           AS t(payment_id, payment_request_id, amount_value, currency, method, status, created_at, paid_at)
    ON CONFLICT DO NOTHING
    RETURNING payment_id`;
  return { imported: rows.map((r) => r.payment_id), conflicts: reports.length - rows.length };
}
