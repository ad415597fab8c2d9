// refund: online POST /ams/api/v1/payments/refund (seed 002 and the notes) and in-store
// POST /v2/payments/refund (seed 001).
import { z } from 'zod';
import {
  antomIdSchema,
  antomTimeSchema,
  inStoreRequestAmountSchema,
  requestAmountSchema,
  responseAmountSchema,
  resultSchema,
  safeIdSchema,
} from './common';

export const onlineRefundRequestSchema = z.object({
  // Only letters, digits and underscores: after a timeout the online inquiry by refundRequestId
  // is our only way back to this refund, and that API refuses special characters.
  refundRequestId: safeIdSchema,
  paymentId: antomIdSchema,
  refundAmount: requestAmountSchema,
  refundReason: z.string().max(256, 'must be at most 256 characters').optional(),
  referenceRefundId: antomIdSchema.optional(),
  refundNotifyUrl: z
    .url({ protocol: /^https?$/ })
    .max(1024)
    .optional(),
});
export type OnlineRefundRequest = z.output<typeof onlineRefundRequestSchema>;

export const inStoreRefundRequestSchema = z.object({
  // Seed 001 gives only the 64-character limit here (its own sample id contains '*').
  refundRequestId: antomIdSchema,
  paymentId: antomIdSchema,
  originalMerchantRefundId: antomIdSchema.optional(),
  // Omitted (or null, as in the seed's sample) means a full refund.
  refundAmount: inStoreRequestAmountSchema.nullish(),
  memo: z.string().max(256, 'must be at most 256 characters').optional(),
  // Not in seed 001's table but in its sample request. Accepted so the sample reads; we never send it.
  payRequestId: antomIdSchema.optional(),
});
export type InStoreRefundRequest = z.output<typeof inStoreRefundRequestSchema>;

/** Online refund answer: refundId and refundRequestId once Antom has the refund (S, or U in process). */
export const onlineRefundResponseSchema = z.object({
  result: resultSchema,
  refundRequestId: z.string().nullish(),
  refundId: z.string().nullish(),
  paymentId: z.string().nullish(),
  refundAmount: responseAmountSchema.nullish(),
  refundTime: antomTimeSchema.nullish(),
});
export type OnlineRefundResponse = z.output<typeof onlineRefundResponseSchema>;

/** In-store refund answer (seed 001): the table makes refundRequestId and refundId required, but a failed call carries neither. */
export const inStoreRefundResponseSchema = z.object({
  result: resultSchema,
  refundRequestId: z.string().nullish(),
  refundId: z.string().nullish(),
  refundTime: antomTimeSchema.nullish(),
});
export type InStoreRefundResponse = z.output<typeof inStoreRefundResponseSchema>;
