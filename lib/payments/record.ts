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
