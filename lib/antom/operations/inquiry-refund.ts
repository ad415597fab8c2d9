// inquiryRefund: online by refundRequestId or refundId (Antom uses refundId when both are given;
// after a timeout only refundRequestId is known), in-store by refundId. result says whether the
// inquiry worked; the refund's own state is refundStatus, mapped to ours with the raw word kept.
import type { Money } from '../../money';
import { toMoney, type FailureOutcome, type SuccessMeta, type UnknownOutcome } from '../outcomes';
import {
  inStoreInquiryRefundRequestSchema,
  inStoreInquiryRefundResponseSchema,
  onlineInquiryRefundRequestSchema,
  onlineInquiryRefundResponseSchema,
} from '../schemas/inquiry';
import { toDate } from '../schemas/common';
import { refundStateOf, type RefundState } from '../status';
import { callAntom, readInquiry, type Reading, type SignedAnswer, type TransportOptions } from '../transport';
import { compact, validateRequest } from './validate';

export type InquiryRefundInput = (
  { channel: 'ONLINE'; refundRequestId?: string; refundId?: string } | { channel: 'IN_STORE'; refundId: string }
) & {
  /** Our refund the inquiry is about, for the call record only (not sent: asking by refundId is enough). */
  recordFor?: string;
};

export interface RefundReport {
  refundId: string;
  refundRequestId: string | null;
  paymentId: string | null;
  status: RefundState;
  /** The word Antom used: SUCCESS / PROCESSING / FAIL online, SUCCESS / PENDING / FAILED in-store. */
  rawStatus: string;
  amount: Money | null;
  refundTime: Date | null;
}

export type InquiryRefundOutcome =
  ({ outcome: 'SUCCESS'; refund: RefundReport } & SuccessMeta) | FailureOutcome | UnknownOutcome;

function rawWord(json: Record<string, unknown>, field: string): string {
  return typeof json[field] === 'string' ? (json[field] as string) : '';
}

export async function inquiryRefund(
  options: TransportOptions,
  input: InquiryRefundInput,
): Promise<InquiryRefundOutcome> {
  const online = input.channel === 'ONLINE';
  if (!online && input.channel !== 'IN_STORE')
    throw new TypeError(`Unknown payment channel: ${String((input as { channel: unknown }).channel)}`);
  const body = online
    ? validateRequest(
        onlineInquiryRefundRequestSchema,
        compact({ refundRequestId: input.refundRequestId, refundId: input.refundId }),
        'online inquiryRefund',
      )
    : validateRequest(inStoreInquiryRefundRequestSchema, { refundId: input.refundId }, 'in-store inquiryRefund');
  const askedRefundId = body.refundId;
  const askedRequestId = 'refundRequestId' in body ? body.refundRequestId : undefined;

  const read = (answer: SignedAnswer): Reading<InquiryRefundOutcome> => {
    const { result, entry, attempts } = answer;
    const schema = online ? onlineInquiryRefundResponseSchema : inStoreInquiryRefundResponseSchema;
    const start = readInquiry(answer, schema, 'inquiryRefund');
    if ('reading' in start) return start.reading;
    const { data, unknown } = start;
    const status = refundStateOf(data.refundStatus);
    if (!data.refundId || !status)
      return unknown('UNPARSEABLE', 'a successful inquiry without refundId or refundStatus');
    // Fail closed on identity: a report about another refund must never settle this one.
    if (askedRefundId ? data.refundId !== askedRefundId : data.refundRequestId !== askedRequestId) {
      return unknown('MISMATCH', `the answer is about refund ${data.refundId} / ${data.refundRequestId ?? '?'}`);
    }
    const refund: RefundReport = {
      refundId: data.refundId,
      refundRequestId: data.refundRequestId ?? null,
      paymentId: 'paymentId' in data ? (data.paymentId ?? null) : null,
      status,
      rawStatus: rawWord(answer.json, 'refundStatus'),
      amount: 'refundAmount' in data ? toMoney(data.refundAmount) : null,
      refundTime: toDate(data.refundTime),
    };
    return {
      value: { outcome: 'SUCCESS', refund, result, entry, attempts },
      outcome: 'SUCCESS',
      paymentId: refund.paymentId,
    };
  };

  return callAntom(options, {
    operation: 'INQUIRY_REFUND',
    api: online ? 'inquiryRefund.online' : 'inquiryRefund.inStore',
    body,
    refundRequestId: askedRequestId ?? input.recordFor ?? null,
    read,
  });
}
