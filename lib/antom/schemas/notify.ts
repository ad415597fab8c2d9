// notifyRefund (Antom → us): sent when a refund reaches a final state (notes/antom.md).
import { z } from 'zod';
import { antomTimeSchema, responseAmountSchema, resultSchema, wordSchema } from './common';

export const notifyRefundSchema = z.object({
  notifyType: z.literal('REFUND_RESULT'),
  refundRequestId: z.string().min(1).max(64),
  refundId: z.string().min(1).max(64),
  refundStatus: wordSchema(['SUCCESS', 'FAIL']),
  refundAmount: responseAmountSchema,
  refundTime: antomTimeSchema.nullish(),
  paymentId: z.string().max(64).nullish(),
  result: resultSchema,
});
export type NotifyRefund = z.output<typeof notifyRefundSchema>;

/** The only reply that stops Antom's retries. */
export const NOTIFY_REFUND_ACK = {
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
} as const;
export const NOTIFY_REFUND_ACK_BODY = JSON.stringify(NOTIFY_REFUND_ACK);
