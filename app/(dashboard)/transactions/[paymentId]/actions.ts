'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction, UserFacingError, type ActionState } from '@/lib/auth/action';
import { prisma } from '@/lib/db';
import { formatMoney, parseMajor } from '@/lib/money';
import { refreshPayment } from '@/lib/payments/refresh';
import { refundEngineDeps } from '@/lib/refunds/engine';
import { initiateRefund, RefundRefused } from '@/lib/refunds/initiate';
import { reconcileRefund } from '@/lib/refunds/reconcile';
import { resendRefund } from '@/lib/refunds/submit';
import { REFUND_STATUS_WORDS } from '@/lib/refunds/status-words';

const refundPaymentSchema = z.object({
  paymentId: z.string().min(1).max(64),
  mode: z.enum(['full', 'partial']),
  amount: z.string().max(32).optional(),
  reason: z.string().trim().max(256, 'At most 256 characters.').optional(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
});

export type RefundFormState = ActionState<'amount' | 'reason'> & { refundRequestId?: string; status?: string };

export const refundPaymentAction = authorizedAction('refundPayment', 'refund', refundPaymentSchema, async (input, user): Promise<RefundFormState> => {
  const payment = await prisma.payment.findUnique({ where: { paymentId: input.paymentId }, select: { currency: true } });
  if (!payment) throw new UserFacingError('There is no payment with this id.');
  let amountValue: number | undefined;
  if (input.mode === 'partial') {
    const parsed = parseMajor(input.amount ?? '', payment.currency);
    if (!parsed.ok) return { errors: { amount: [parsed.error] }, message: parsed.error };
    amountValue = parsed.value;
  }
  try {
    const { refund, created } = await initiateRefund(
      refundEngineDeps(),
      { paymentId: input.paymentId, amountValue, currency: payment.currency, reason: input.reason || undefined, idempotencyKey: input.idempotencyKey },
      { id: user.id, role: user.role },
    );
    revalidatePath(`/transactions/${input.paymentId}`);
    const amount = formatMoney({ value: refund.amountValue, currency: refund.currency });
    const word = REFUND_STATUS_WORDS[refund.status as keyof typeof REFUND_STATUS_WORDS];
    return {
      ok: true,
      refundRequestId: refund.refundRequestId,
      status: refund.status,
      message: `${created ? 'Refund' : 'This refund was already submitted:'} ${amount} — ${word.headline}. ${word.next}`,
    };
  } catch (error) {
    if (error instanceof RefundRefused) {
      return error.code === 'AMOUNT' ? { errors: { amount: [error.message] }, message: error.message } : { message: error.message };
    }
    throw error;
  }
});

const refundRefSchema = z.object({ paymentId: z.string().min(1).max(64), refundRequestId: z.string().regex(/^[A-Za-z0-9_]{1,64}$/) });

async function ownRefund(paymentId: string, refundRequestId: string) {
  const refund = await prisma.refund.findUnique({ where: { refundRequestId }, select: { paymentId: true, status: true } });
  if (!refund || refund.paymentId !== paymentId) throw new UserFacingError('This refund does not belong to this payment.');
  return refund;
}

/** "Check status now": asks Antom at once instead of waiting for the next scheduled check. */
export const checkRefundStatusAction = authorizedAction('checkRefundStatus', 'refund', refundRefSchema, async (input, user) => {
  await ownRefund(input.paymentId, input.refundRequestId);
  await prisma.auditLog.create({ data: { actorType: 'USER', actorId: user.id, action: 'refund.check_requested', refundRequestId: input.refundRequestId, paymentId: input.paymentId } });
  const ran = await reconcileRefund(refundEngineDeps(), input.refundRequestId, { force: true });
  revalidatePath(`/transactions/${input.paymentId}`);
  return { ok: ran, message: ran ? 'Status checked with Antom.' : 'This refund is already final or being checked right now.' };
});

/** "Retry with the same request id": only for unknown outcomes; Antom treats it as the same refund. */
export const retryRefundAction = authorizedAction('retryRefund', 'refund', refundRefSchema, async (input, user) => {
  const refund = await ownRefund(input.paymentId, input.refundRequestId);
  if (refund.status !== 'UNKNOWN') throw new UserFacingError('Only a refund whose outcome is unknown can be sent again.');
  await prisma.auditLog.create({ data: { actorType: 'USER', actorId: user.id, action: 'refund.retry_requested', refundRequestId: input.refundRequestId, paymentId: input.paymentId } });
  await resendRefund(refundEngineDeps(), input.refundRequestId, 'USER');
  revalidatePath(`/transactions/${input.paymentId}`);
  return { ok: true, message: 'Sent again with the same refund request id.' };
});

const refreshSchema = z.object({ paymentId: z.string().min(1).max(64) });

/** "Refresh from Antom" for in-store payments (inquiryPayment by paymentRequestId). */
export const refreshPaymentAction = authorizedAction('refreshPayment', 'refund', refreshSchema, async (input, user) => {
  const payment = await prisma.payment.findUnique({ where: { paymentId: input.paymentId }, select: { paymentRequestId: true, channel: true } });
  if (!payment) throw new UserFacingError('There is no payment with this id.');
  if (payment.channel !== 'IN_STORE') throw new UserFacingError('Only in-store payments can be refreshed from Antom.');
  const result = await refreshPayment(refundEngineDeps(), payment.paymentRequestId, user.id);
  revalidatePath(`/transactions/${input.paymentId}`);
  return result.ok ? { ok: true, message: result.changed ? `Updated from Antom: now ${result.status}.` : 'Checked with Antom: no change.' } : { message: result.message };
});
