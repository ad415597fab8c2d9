'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import { aboveThreshold, stepUpThresholdFor } from '@/lib/auth/step-up-thresholds';
import { formatMoney } from '@/lib/money';
import { checkRefundStatus, refreshPayment, refundPayment, RefundRefused, retryRefund } from '@/lib/refunds';
import { appEngineDeps } from '@/lib/refunds/app-deps';
import { REFUND_STATUS_WORDS } from '@/lib/refunds/states';

const refundPaymentSchema = z.object({
  paymentId: z.string().min(1).max(64),
  mode: z.enum(['full', 'partial']),
  amount: z.string().max(32).optional(),
  reason: z.string().trim().max(256, 'At most 256 characters.').optional(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
});

export type RefundFormState = ActionState<'amount' | 'reason'> & { refundRequestId?: string; status?: string };

export const refundPaymentAction = authorizedAction(
  'refundPayment',
  'refund',
  refundPaymentSchema,
  async (input, user, { stepUp }): Promise<RefundFormState> => {
    try {
      const { refund, created } = await refundPayment(
        appEngineDeps(),
        user,
        {
          paymentId: input.paymentId,
          // "Everything left" sends no amount: the engine refunds what is refundable when it reserves.
          amountText: input.mode === 'partial' ? (input.amount ?? '') : undefined,
          reason: input.reason || undefined,
          idempotencyKey: input.idempotencyKey,
        },
        {
          // Above the admin's threshold for its currency, the exact amount about to be reserved asks
          // a person with a second factor for a fresh code (none within five minutes): step-up.
          approve: async (amount) => {
            const threshold = await stepUpThresholdFor(amount.currency);
            if (aboveThreshold(amount, threshold))
              await stepUp(`A refund above ${formatMoney(threshold!)} needs a fresh code.`);
          },
        },
      );
      revalidatePath(`/transactions/${input.paymentId}`);
      const amount = formatMoney({ value: refund.amountValue, currency: refund.currency });
      const word = REFUND_STATUS_WORDS[refund.status];
      return {
        ok: true,
        refundRequestId: refund.refundRequestId,
        status: refund.status,
        message: `${created ? 'Refund' : 'This refund was already submitted:'} ${amount} — ${word.headline}. ${word.next}`,
      };
    } catch (error) {
      if (error instanceof RefundRefused && error.code === 'AMOUNT')
        return { errors: { amount: [error.message] }, message: error.message };
      throw error; // other refusals are shown by authorizedAction as their message
    }
  },
);

const refundRefSchema = z.object({
  paymentId: z.string().min(1).max(64),
  refundRequestId: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
});

/** "Check status now": asks Antom at once instead of waiting for the next scheduled check. */
export const checkRefundStatusAction = authorizedAction(
  'checkRefundStatus',
  'refund',
  refundRefSchema,
  async (input, user) => {
    const ran = await checkRefundStatus(appEngineDeps(), user, input);
    revalidatePath(`/transactions/${input.paymentId}`);
    return {
      ok: ran,
      message: ran ? 'Status checked with Antom.' : 'This refund is already final or being checked right now.',
    };
  },
);

/** "Retry with the same request id": only for unknown outcomes; Antom treats it as the same refund. */
export const retryRefundAction = authorizedAction('retryRefund', 'refund', refundRefSchema, async (input, user) => {
  await retryRefund(appEngineDeps(), user, input);
  revalidatePath(`/transactions/${input.paymentId}`);
  return { ok: true, message: 'Sent again with the same refund request id.' };
});

const refreshSchema = z.object({ paymentId: z.string().min(1).max(64) });

/** "Refresh from Antom" for in-store payments (inquiryPayment by paymentRequestId). */
export const refreshPaymentAction = authorizedAction('refreshPayment', 'refund', refreshSchema, async (input, user) => {
  const result = await refreshPayment(appEngineDeps(), user, input);
  revalidatePath(`/transactions/${input.paymentId}`);
  return result.ok
    ? {
        ok: true,
        message: result.changed ? `Updated from Antom: now ${result.status}.` : 'Checked with Antom: no change.',
      }
    : { message: result.message };
});
