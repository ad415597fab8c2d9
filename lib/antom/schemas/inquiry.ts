// inquiryRefund online (seed 003), inquiryRefund in-store (seed 000), inquiryPayment in-store (seed 004)
// and online (Antom's API reference, below: no seed has it).
// An inquiry's result says whether the inquiry worked; the refund's or payment's state is its status word.
import { z } from 'zod';
import { antomIdSchema, antomTimeSchema, responseAmountSchema, resultSchema, safeIdSchema, wordSchema } from './common';

export const onlineInquiryRefundRequestSchema = z
  .object({
    refundRequestId: safeIdSchema.optional(),
    refundId: antomIdSchema.optional(),
  })
  .refine(
    (r) => r.refundRequestId !== undefined || r.refundId !== undefined,
    'refundRequestId or refundId is required',
  );
export type OnlineInquiryRefundRequest = z.output<typeof onlineInquiryRefundRequestSchema>;

export const onlineRefundStatusSchema = wordSchema(['SUCCESS', 'PROCESSING', 'FAIL']);

/** Fields are null "when the refund record cannot be found, or resultStatus is F or U" (seed 003). */
export const onlineInquiryRefundResponseSchema = z.object({
  result: resultSchema,
  refundId: z.string().nullish(),
  refundRequestId: z.string().nullish(),
  refundAmount: responseAmountSchema.nullish(),
  refundTime: antomTimeSchema.nullish(),
  refundStatus: onlineRefundStatusSchema.nullish(),
  grossSettlementAmount: responseAmountSchema.nullish(),
  settlementQuote: z.object({}).loose().nullish(),
});
export type OnlineInquiryRefundResponse = z.output<typeof onlineInquiryRefundResponseSchema>;

export const inStoreInquiryRefundRequestSchema = z.object({ refundId: antomIdSchema });
export type InStoreInquiryRefundRequest = z.output<typeof inStoreInquiryRefundRequestSchema>;

export const inStoreRefundStatusSchema = wordSchema(['SUCCESS', 'PENDING', 'FAILED']);

/**
 * Seed 000's table requires paymentId, but its sample has none and carries refundRequestId instead,
 * which the table does not list: both are optional here.
 */
export const inStoreInquiryRefundResponseSchema = z.object({
  result: resultSchema,
  refundId: z.string().nullish(),
  refundRequestId: z.string().nullish(),
  paymentId: z.string().nullish(),
  refundStatus: inStoreRefundStatusSchema.nullish(),
  refundTime: antomTimeSchema.nullish(),
});
export type InStoreInquiryRefundResponse = z.output<typeof inStoreInquiryRefundResponseSchema>;

export const inquiryPaymentRequestSchema = z.object({ paymentRequestId: safeIdSchema });
export type InquiryPaymentRequest = z.output<typeof inquiryPaymentRequestSchema>;

/** Seed 004's table says SUCCESS; its sample says "Success": read in any case. */
export const paymentStatusSchema = wordSchema(['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING']);

export const inquiryPaymentResponseSchema = z.object({
  result: resultSchema,
  paymentRequestId: z.string().nullish(),
  paymentId: z.string().nullish(),
  paymentCreateTime: antomTimeSchema.nullish(),
  // Required in the table, but a payment that has not succeeded has no time of success.
  paymentTime: antomTimeSchema.nullish(),
  paymentStatus: paymentStatusSchema.nullish(),
  paymentAmount: responseAmountSchema.nullish(),
  paymentMethod: z.string().nullish(),
});
export type InquiryPaymentResponse = z.output<typeof inquiryPaymentResponseSchema>;

/**
 * Online inquiryPayment, POST /v1/payments/inquiryPayment, from Antom's API reference
 * (https://docs.antom.com/ac/ams/paymentri_online): paymentRequestId (the merchant's) or paymentId
 * (Antom's), each at most 64 characters; "paymentRequestId and paymentId cannot both be null", and
 * when both are given paymentId takes precedence, so we send exactly one. Unlike seed 004 the online
 * page restricts no characters. Every field is a String on the wire (amounts too).
 */
export const onlineInquiryPaymentRequestSchema = z
  .object({
    paymentRequestId: antomIdSchema.optional(),
    paymentId: antomIdSchema.optional(),
  })
  .refine(
    (r) => (r.paymentRequestId === undefined) !== (r.paymentId === undefined),
    'exactly one of paymentRequestId and paymentId (Antom uses paymentId when both are given)',
  );
export type OnlineInquiryPaymentRequest = z.output<typeof onlineInquiryPaymentRequestSchema>;

/**
 * The page's response fields that a look-up needs (the rest, such as actualPaymentAmount, quotes,
 * card and acquirer details, are dropped). paymentStatus and the payment fields are "returned when
 * the API is called successfully (result.resultStatus is S)"; paymentStatus adds PENDING ("the
 * payment is completed, wait for the final result") to the four final words. paymentMethodType is
 * in the response model of Antom's SDKs (AlipayPayQueryResponse), not in every version of the page.
 */
export const onlineInquiryPaymentResponseSchema = z.object({
  result: resultSchema,
  paymentStatus: paymentStatusSchema.nullish(),
  paymentResultCode: z.string().nullish(),
  paymentResultMessage: z.string().nullish(),
  paymentRequestId: z.string().nullish(),
  paymentId: z.string().nullish(),
  paymentAmount: responseAmountSchema.nullish(),
  paymentCreateTime: antomTimeSchema.nullish(),
  paymentTime: antomTimeSchema.nullish(),
  paymentMethodType: z.string().nullish(),
});
export type OnlineInquiryPaymentResponse = z.output<typeof onlineInquiryPaymentResponseSchema>;
