// Antom's notifications to us: notifyRefund (a refund reached a final state, notes/antom.md) and
// notifyPayment (below), and the acknowledgement both take.
import { z } from 'zod';
import {
  antomIdSchema,
  antomTimeSchema,
  currencySchema,
  minorValueSchema,
  responseAmountSchema,
  resultSchema,
  wordSchema,
} from './common';

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

/**
 * The only reply that stops Antom's retries, the same for notifyRefund and notifyPayment (both
 * pages' response: result SUCCESS / S / success).
 */
export const NOTIFY_ACK = {
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
} as const;
export const NOTIFY_ACK_BODY = JSON.stringify(NOTIFY_ACK);
/** The same acknowledgement under its first name. */
export const NOTIFY_REFUND_ACK = NOTIFY_ACK;
export const NOTIFY_REFUND_ACK_BODY = NOTIFY_ACK_BODY;

// notifyPayment (Antom → us): the result of a payment, sent to the notify URL the merchant gave
// (or set in Antom Dashboard), signed, retried and acknowledged like notifyRefund.
// - Online: https://docs.antom.com/ac/ams/paymentrn_online — notifyType PAYMENT_RESULT (a final
//   result: result.resultStatus S success, F failure) or PAYMENT_PENDING (the buyer has paid, the
//   final result follows); result, paymentRequestId, paymentId, paymentAmount required;
//   paymentCreateTime and paymentTime (only once the payment succeeded) ISO 8601 with offset.
// - In store: https://docs.antom.com/ac/ams/paymentrn — notifyType PAYMENT_RESULT or
//   OFFLINE_PAYMENT_CODE (an offline payment code, not a result); result is not marked required
//   there; actualPaymentAmount and paymentQuote besides.
// Both pages say every field (arrays aside) is a String, amounts included: value is a string of the
// currency's minor units (https://docs.antom.com/ac/ref/cc: "String (16)", "smallest currency
// unit"). paymentMethodType is not on either page but Antom's own Go SDK reads it from this
// notification (alipay/global-open-sdk-go, com/alipay/api/request/notify/AlipayPayResultNotify.go).
// Fields we never read are typed loosely (their children are Antom's to change); unknown fields are
// dropped from the parsed value, never from the stored raw body.

/** An amount in a notifyPayment: value a string of minor units, as both pages type it. */
export const notifyAmountSchema = z.object({
  value: z
    .string()
    .regex(/^\d{1,16}$/, 'must be a string of digits (minor units)')
    .transform(Number)
    .pipe(minorValueSchema),
  currency: currencySchema,
});

/** ISO 8601 with an offset ("2019-11-27T12:01:01+08:00", "…Z"): a time without one is ambiguous. */
export const notifyTimeSchema = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' });

const quoteSchema = z.looseObject({
  quoteId: z.string().max(64).nullish(),
  quoteCurrencyPair: z.string().max(16).nullish(),
  quotePrice: z.string().max(32).nullish(),
  quoteStartTime: notifyTimeSchema.nullish(),
  quoteExpiryTime: notifyTimeSchema.nullish(),
  exchangeRate: z.string().max(32).nullish(),
});
const opaqueObject = z.looseObject({});

export const NOTIFY_PAYMENT_TYPES = ['PAYMENT_RESULT', 'PAYMENT_PENDING', 'OFFLINE_PAYMENT_CODE'] as const;

export const notifyPaymentSchema = z.object({
  notifyType: z.enum(NOTIFY_PAYMENT_TYPES),
  // Required online; the in-store page does not mark it so. Without it there is no result to apply.
  result: resultSchema.nullish(),
  paymentRequestId: antomIdSchema,
  paymentId: antomIdSchema,
  paymentAmount: notifyAmountSchema,
  paymentCreateTime: notifyTimeSchema.nullish(),
  paymentTime: notifyTimeSchema.nullish(),
  paymentMethodType: z.string().trim().min(1).max(64).nullish(),
  actualPaymentAmount: notifyAmountSchema.nullish(),
  paymentQuote: quoteSchema.nullish(),
  customsDeclarationAmount: notifyAmountSchema.nullish(),
  grossSettlementAmount: notifyAmountSchema.nullish(),
  settlementQuote: quoteSchema.nullish(),
  acquirerReferenceNo: z.string().max(64).nullish(),
  pspCustomerInfo: opaqueObject.nullish(),
  paymentResultInfo: opaqueObject.nullish(),
  acquirerInfo: opaqueObject.nullish(),
  receiptInfo: opaqueObject.nullish(),
  promotionResult: z.array(opaqueObject).nullish(),
  metadata: z.string().nullish(),
});
export type NotifyPayment = z.output<typeof notifyPaymentSchema>;
