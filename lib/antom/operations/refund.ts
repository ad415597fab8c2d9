// refund: the payment's channel picks the API. Online: /ams/api/v1/payments/refund, amount required.
// In-store: /v2/payments/refund, amount optional (omitted = full refund), one refund in flight per payment.
import type { Money } from '../../money';
import type { FailureOutcome, SuccessMeta, UnknownOutcome } from '../outcomes';
import {
  inStoreRefundRequestSchema,
  inStoreRefundResponseSchema,
  onlineRefundRequestSchema,
  onlineRefundResponseSchema,
} from '../schemas/refund';
import { toDate, type ResponseAmount } from '../schemas/common';
import {
  callAntom,
  failureOutcome,
  unknownOutcome,
  type SignedAnswer,
  type TransportOptions,
  type Reading,
} from '../transport';
import { compact, validateRequest } from './validate';

export type RefundInput =
  | {
      channel: 'ONLINE';
      refundRequestId: string;
      paymentId: string;
      amount: Money;
      reason?: string;
      referenceRefundId?: string;
      /** Where Antom sends notifyRefund for this refund (defaults to the URL configured at Antom). */
      notifyUrl?: string;
    }
  | {
      channel: 'IN_STORE';
      refundRequestId: string;
      paymentId: string;
      /**
       * Omit for a full refund, as the API allows. The engine should pass the amount it reserved, so
       * that Antom refunds exactly what we hold even if our view of earlier refunds is behind.
       */
      amount?: Money | null;
      memo?: string;
      originalMerchantRefundId?: string;
    };

export type RefundOutcome =
  | ({ outcome: 'SUCCESS'; refundId: string; refundRequestId: string; refundTime: Date | null } & SuccessMeta)
  /** Accepted and not final yet (REFUND_IN_PROCESS): wait for notifyRefund or inquire; never resend. */
  | ({ outcome: 'PROCESSING'; refundId: string | null; refundRequestId: string } & SuccessMeta)
  | FailureOutcome
  | UnknownOutcome;

function buildRequest(input: RefundInput) {
  if (input.channel === 'ONLINE') {
    const body = validateRequest(
      onlineRefundRequestSchema,
      compact({
        refundRequestId: input.refundRequestId,
        paymentId: input.paymentId,
        refundAmount: input.amount,
        refundReason: input.reason,
        referenceRefundId: input.referenceRefundId,
        refundNotifyUrl: input.notifyUrl,
      }),
      'online refund',
    );
    return { api: 'refund.online' as const, body, schema: onlineRefundResponseSchema };
  }
  if (input.channel !== 'IN_STORE')
    throw new TypeError(`Unknown payment channel: ${String((input as { channel: unknown }).channel)}`);
  const body = validateRequest(
    inStoreRefundRequestSchema,
    compact({
      refundRequestId: input.refundRequestId,
      paymentId: input.paymentId,
      refundAmount: input.amount ?? undefined,
      memo: input.memo,
      originalMerchantRefundId: input.originalMerchantRefundId,
    }),
    'in-store refund',
  );
  return { api: 'refund.inStore' as const, body, schema: inStoreRefundResponseSchema };
}

export async function refund(options: TransportOptions, input: RefundInput): Promise<RefundOutcome> {
  const { api, body, schema } = buildRequest(input);
  const read = (answer: SignedAnswer): Reading<RefundOutcome> => {
    const { result, entry, attempts } = answer;
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success)
      return {
        value: unknownOutcome(
          'UNPARSEABLE',
          'the refund answer does not match the documented shape',
          attempts,
          result,
          entry,
        ),
        outcome: 'UNKNOWN',
      };
    const data = parsed.data;
    if (data.refundRequestId && data.refundRequestId !== body.refundRequestId) {
      return {
        value: unknownOutcome(
          'MISMATCH',
          `the answer is about refund ${data.refundRequestId}`,
          attempts,
          result,
          entry,
        ),
        outcome: 'UNKNOWN',
      };
    }
    const sentAmount = body.refundAmount;
    const answered = (data as { refundAmount?: ResponseAmount | null }).refundAmount ?? null;
    if (
      answered &&
      sentAmount &&
      (answered.value !== Number(sentAmount.value) || answered.currency !== sentAmount.currency)
    ) {
      return {
        value: unknownOutcome('MISMATCH', 'the answer names a different refund amount', attempts, result, entry),
        outcome: 'UNKNOWN',
      };
    }
    const meta = { result, entry, attempts };
    // The refund guide calls REFUND_IN_PROCESS both a "successful" answer and a U one: either way it
    // is accepted and not final. Recorded as UNKNOWN, which is what the docs' U means for the call.
    if (entry.canonical === 'REFUND_IN_PROCESS' && result.resultStatus !== 'F') {
      return {
        value: {
          outcome: 'PROCESSING',
          refundId: data.refundId ?? null,
          refundRequestId: body.refundRequestId,
          ...meta,
        },
        outcome: 'UNKNOWN',
      };
    }
    if (result.resultStatus === 'S') {
      if (!data.refundId)
        return {
          value: unknownOutcome('UNPARSEABLE', 'a successful answer without refundId', attempts, result, entry),
          outcome: 'UNKNOWN',
        };
      return {
        value: {
          outcome: 'SUCCESS',
          refundId: data.refundId,
          refundRequestId: body.refundRequestId,
          refundTime: toDate(data.refundTime),
          ...meta,
        },
        outcome: 'SUCCESS',
      };
    }
    if (result.resultStatus === 'F') return { value: failureOutcome(answer), outcome: 'FAILURE' };
    return {
      value: unknownOutcome(
        'RESULT_UNKNOWN',
        `Antom answered U (${result.resultCode ?? 'no code'})`,
        attempts,
        result,
        entry,
      ),
      outcome: 'UNKNOWN',
      retry: entry.retrySameId,
    };
  };
  return callAntom(options, {
    operation: 'REFUND',
    api,
    body,
    refundRequestId: body.refundRequestId,
    paymentId: body.paymentId,
    read,
  });
}
