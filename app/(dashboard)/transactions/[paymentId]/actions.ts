'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import { aboveThreshold, stepUpThresholdFor } from '@/lib/auth/step-up-thresholds';
import { formatMoney } from '@/lib/money';
import { checkRefundStatus, refreshPayment, refundPayment, RefundRefused, retryRefund } from '@/lib/refunds';
import { appEngineDeps } from '@/lib/refunds/app-deps';
import { REFUND_REASON_CODES } from '@/lib/refunds/reasons';
import { REFUND_REQUEST_ID } from '@/lib/ids';
import { refundBanner, type RefundBanner } from './refund-banner';

const minorUnits = z
  .string()
  .regex(/^\d{1,10}$/, 'Invalid amount.')
  .transform(Number);

const refundPaymentSchema = z.object({
  paymentId: z.string().min(1).max(64),
  // The exact amount the confirmation showed, in minor units ("everything left" included), and what
  // was left when the page showed it: the engine refunds exactly that or refuses (issue 15).
  amountValue: minorUnits,
  refundableSeen: minorUnits,
  reasonCode: z
    .enum(REFUND_REASON_CODES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  reasonNote: z.string().max(512).optional(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
});

export type RefundFormState = ActionState<'amount' | 'reason'> & {
  refundRequestId?: string;
  status?: string;
  /** The accepted refund's banner as the moment of asking words it (refund-area.tsx). */
  banner?: RefundBanner;
  /** A refusal of the confirmed amount: why, and what can be refunded now (minor units), to offer instead. */
  refusal?: { code: string; refundableNow?: number };
};

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
          amountValue: input.amountValue,
          expectedRefundable: input.refundableSeen,
          reasonCode: input.reasonCode,
          reasonNote: input.reasonCode ? input.reasonNote : undefined,
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
      // The banner on the page words the refund's state as it is when shown (refund-area.tsx); this
      // one is what the moment of asking said, for callers without the page.
      const banner = refundBanner(
        refund.status,
        refund.amountValue,
        refund.currency,
        created ? 'Refund' : 'This refund was already submitted:',
      );
      return {
        ok: true,
        refundRequestId: refund.refundRequestId,
        status: refund.status,
        banner,
        message: banner.text,
      };
    } catch (error) {
      if (error instanceof RefundRefused && ['AMOUNT', 'CHANGED', 'NOT_REFUNDABLE', 'REASON'].includes(error.code)) {
        // The page behind the confirmation is stale: render it again with what is left now.
        revalidatePath(`/transactions/${input.paymentId}`);
        return {
          message: error.message,
          ...(error.code === 'REASON' ? { errors: { reason: [error.message] } } : {}),
          refusal: { code: error.code, refundableNow: error.refundableNow?.value },
        };
      }
      throw error; // other refusals are shown by authorizedAction as their message
    }
  },
);

const refundRefSchema = z.object({
  paymentId: z.string().min(1).max(64),
  refundRequestId: z.string().regex(REFUND_REQUEST_ID),
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
