// inquiryPayment (in-store, by paymentRequestId): used to import or refresh a payment.
import type { Money } from '../../money';
import { toMoney, type FailureOutcome, type SuccessMeta, type UnknownOutcome } from '../outcomes';
import { inquiryPaymentRequestSchema, inquiryPaymentResponseSchema } from '../schemas/inquiry';
import { toDate } from '../schemas/common';
import type { PaymentState } from '../status';
import { callAntom, readInquiry, type Reading, type SignedAnswer, type TransportOptions } from '../transport';
import { validateRequest } from './validate';

export interface InquiryPaymentInput {
  paymentRequestId: string;
}

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

export async function inquiryPayment(
  options: TransportOptions,
  input: InquiryPaymentInput,
): Promise<InquiryPaymentOutcome> {
  const body = validateRequest(
    inquiryPaymentRequestSchema,
    { paymentRequestId: input.paymentRequestId },
    'inquiryPayment',
  );

  const read = (answer: SignedAnswer): Reading<InquiryPaymentOutcome> => {
    const { result, entry, attempts } = answer;
    const start = readInquiry(answer, inquiryPaymentResponseSchema, 'inquiryPayment');
    if ('reading' in start) return start.reading;
    const { data, unknown } = start;
    const amount = toMoney(data.paymentAmount);
    if (!data.paymentId || !data.paymentStatus || !amount)
      return unknown('UNPARSEABLE', 'a successful inquiry without paymentId, paymentStatus or paymentAmount');
    if (data.paymentRequestId !== body.paymentRequestId)
      return unknown('MISMATCH', `the answer is about payment request ${data.paymentRequestId ?? '?'}`);
    const payment: PaymentReport = {
      paymentId: data.paymentId,
      paymentRequestId: data.paymentRequestId,
      status: data.paymentStatus,
      rawStatus: typeof answer.json.paymentStatus === 'string' ? answer.json.paymentStatus : data.paymentStatus,
      amount,
      method: data.paymentMethod ?? null,
      createdAt: toDate(data.paymentCreateTime),
      paidAt: toDate(data.paymentTime),
    };
    return {
      value: { outcome: 'SUCCESS', payment, result, entry, attempts },
      outcome: 'SUCCESS',
      paymentId: payment.paymentId,
    };
  };

  return callAntom(options, { operation: 'INQUIRY_PAYMENT', api: 'inquiryPayment.inStore', body, read });
}
