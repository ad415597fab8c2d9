// inquiryPayment: used to import or refresh a payment. In store (seed 004, /v2) by paymentRequestId
// only; online (/v1, Antom's API reference: https://docs.antom.com/ac/ams/paymentri_online) by
// paymentRequestId or by paymentId. Both answer with the same payment fields, read into one report.
import type { Money } from '../../money';
import { toMoney, type FailureOutcome, type SuccessMeta, type UnknownOutcome } from '../outcomes';
import {
  inquiryPaymentRequestSchema,
  inquiryPaymentResponseSchema,
  onlineInquiryPaymentRequestSchema,
  onlineInquiryPaymentResponseSchema,
} from '../schemas/inquiry';
import { toDate } from '../schemas/common';
import type { PaymentState } from '../status';
import { callAntom, readInquiry, type Reading, type SignedAnswer, type TransportOptions } from '../transport';
import { compact, validateRequest } from './validate';

/** In store when no channel is named (the only kind there was before online look-ups). */
export type InquiryPaymentInput =
  | { channel?: 'IN_STORE'; paymentRequestId: string }
  | { channel: 'ONLINE'; paymentRequestId: string; paymentId?: undefined }
  | { channel: 'ONLINE'; paymentId: string; paymentRequestId?: undefined };

export interface PaymentReport {
  paymentId: string;
  paymentRequestId: string;
  status: PaymentState;
  /** As Antom wrote it: seed 004's own sample says "Success". */
  rawStatus: string;
  amount: Money;
  method: string | null;
  createdAt: Date | null;
  paidAt: Date | null;
}

export type InquiryPaymentOutcome =
  ({ outcome: 'SUCCESS'; payment: PaymentReport } & SuccessMeta) | FailureOutcome | UnknownOutcome;

/** The fields both families answer with (method: paymentMethod in store, paymentMethodType online). */
interface PaymentFields {
  paymentRequestId?: string | null;
  paymentId?: string | null;
  paymentStatus?: PaymentState | null;
  paymentAmount?: { value: number; currency: string } | null;
  paymentCreateTime?: string | null;
  paymentTime?: string | null;
}

function request(input: InquiryPaymentInput) {
  if (input.channel === 'ONLINE') {
    const body = validateRequest(
      onlineInquiryPaymentRequestSchema,
      compact({ paymentRequestId: input.paymentRequestId, paymentId: input.paymentId }),
      'online inquiryPayment',
    );
    return { api: 'inquiryPayment.online' as const, body, schema: onlineInquiryPaymentResponseSchema };
  }
  if (input.channel !== undefined && input.channel !== 'IN_STORE')
    throw new TypeError(`Unknown payment channel: ${String((input as { channel: unknown }).channel)}`);
  const body = validateRequest(
    inquiryPaymentRequestSchema,
    { paymentRequestId: input.paymentRequestId },
    'inquiryPayment',
  );
  return { api: 'inquiryPayment.inStore' as const, body, schema: inquiryPaymentResponseSchema };
}

export async function inquiryPayment(
  options: TransportOptions,
  input: InquiryPaymentInput,
): Promise<InquiryPaymentOutcome> {
  const { api, body, schema } = request(input);
  const askedPaymentId = 'paymentId' in body ? body.paymentId : undefined;
  const askedRequestId = body.paymentRequestId;

  const read = (answer: SignedAnswer): Reading<InquiryPaymentOutcome> => {
    const { result, entry, attempts } = answer;
    const start = readInquiry(answer, schema, 'inquiryPayment');
    if ('reading' in start) return start.reading;
    const { unknown } = start;
    const data = start.data as PaymentFields;
    const amount = toMoney(data.paymentAmount);
    if (!data.paymentId || !data.paymentStatus || !amount)
      return unknown('UNPARSEABLE', 'a successful inquiry without paymentId, paymentStatus or paymentAmount');
    // Fail closed on identity: a report about another payment must never be imported as this one.
    if (askedPaymentId !== undefined ? data.paymentId !== askedPaymentId : data.paymentRequestId !== askedRequestId)
      return unknown('MISMATCH', `the answer is about payment ${data.paymentId} / ${data.paymentRequestId ?? '?'}`);
    // Asked by paymentId: the merchant's request id is how we hold every payment, so it must be there.
    if (!data.paymentRequestId) return unknown('UNPARSEABLE', 'a successful inquiry without paymentRequestId');
    const method =
      'paymentMethodType' in start.data
        ? start.data.paymentMethodType
        : 'paymentMethod' in start.data
          ? start.data.paymentMethod
          : null;
    const payment: PaymentReport = {
      paymentId: data.paymentId,
      paymentRequestId: data.paymentRequestId,
      status: data.paymentStatus,
      rawStatus: typeof answer.json.paymentStatus === 'string' ? answer.json.paymentStatus : data.paymentStatus,
      amount,
      method: method ?? null,
      createdAt: toDate(data.paymentCreateTime),
      paidAt: toDate(data.paymentTime),
    };
    return {
      value: { outcome: 'SUCCESS', payment, result, entry, attempts },
      outcome: 'SUCCESS',
      paymentId: payment.paymentId,
    };
  };

  return callAntom(options, { operation: 'INQUIRY_PAYMENT', api, body, paymentId: askedPaymentId ?? null, read });
}
