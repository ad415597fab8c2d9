// notifyRefund and notifyPayment, Antom → us: verify Antom's signature over the exact body and our
// webhook's path, read it, and hand back the fixed acknowledgement. Anything unverified is refused (not acknowledged),
// so a forged notification changes nothing and a real one is simply retried by Antom.
import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import type { Money } from '../money';
import type { ResultCodeInfo } from './result-codes';
import { resolveResultCode } from './result-codes';
import type { AntomResult } from './schemas/common';
import { toDate } from './schemas/common';
import { NOTIFY_ACK_BODY, notifyPaymentSchema, notifyRefundSchema, type NotifyPayment } from './schemas/notify';
import { verifySignature } from './signing';
import type { PaymentState } from './status';

export { NOTIFY_ACK, NOTIFY_ACK_BODY, NOTIFY_REFUND_ACK, NOTIFY_REFUND_ACK_BODY } from './schemas/notify';

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface IncomingNotification {
  /** Defaults to POST. */
  method?: string;
  /** The path Antom posted to, as it signed it: our webhook's pathname (and query, if any). */
  path: string;
  headers: HeaderSource;
  /** The body exactly as received: re-serialised JSON would not verify. */
  rawBody: string;
}

export interface RefundNotification {
  notifyType: 'REFUND_RESULT';
  refundRequestId: string;
  refundId: string;
  paymentId: string | null;
  /** Notifications only carry final states. */
  status: 'SUCCESS' | 'FAILED';
  rawStatus: string;
  amount: Money;
  refundTime: Date | null;
  result: AntomResult;
  entry: ResultCodeInfo;
}

export interface PaymentNotification {
  notifyType: NotifyPayment['notifyType'];
  paymentRequestId: string;
  paymentId: string;
  /** Null when the notification reports no state (paymentStateOfNotification). */
  status: PaymentState | null;
  amount: Money;
  /** paymentMethodType, when Antom gives it. */
  method: string | null;
  createdAt: Date | null;
  paidAt: Date | null;
  result: AntomResult | null;
}

export interface NotificationReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What checking a notification found: the notification and its acknowledgement, or why not. */
export type NotificationCheck<N> =
  | { ok: true; verdict: 'VALID'; notification: N; reply: NotificationReply }
  | {
      ok: false;
      verdict: 'VALID' | 'INVALID' | 'MISSING';
      reason: 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'UNPARSEABLE';
      detail: string;
      /** Not an acknowledgement: Antom will send it again (and a forger learns nothing). */
      reply: NotificationReply;
    };

export type NotifyRefundCheck = NotificationCheck<RefundNotification>;
export type NotifyPaymentCheck = NotificationCheck<PaymentNotification>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** The fixed body that stops Antom's retries. Only for a notification we verified and stored. */
export function notificationAck(): NotificationReply {
  return { status: 200, headers: { ...JSON_HEADERS }, body: NOTIFY_ACK_BODY };
}
/** The same acknowledgement, under its first name. */
export const notifyRefundAck = notificationAck;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A refused notification, in Antom's result shape, so Antom's side logs a reason. */
export const notificationRefusal = (status: number, detail: string): NotificationReply => ({
  status,
  headers: { ...JSON_HEADERS },
  body: JSON.stringify({ result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: detail } }),
});

const unreadable = (detail: string) =>
  ({
    ok: false,
    verdict: 'VALID',
    reason: 'UNPARSEABLE',
    detail,
    reply: notificationRefusal(400, 'unreadable notification'),
  }) as const;

/**
 * Every notification's checks, in order: Antom's signature over the exact body and path (missing or
 * wrong: 401), JSON, then the kind's schema (unreadable: 400); `read` turns the parsed body into
 * what the caller applies. Fails closed: only a notification that passed all of them is acknowledged.
 */
function verifyNotification<S extends z.ZodType, N>(
  config: { clientId: string; antomPublicKey: KeyObject },
  incoming: IncomingNotification,
  schema: S,
  read: (parsed: z.output<S>, json: Record<string, unknown>) => N,
): NotificationCheck<N> {
  const check = verifySignature(
    {
      method: incoming.method ?? 'POST',
      path: incoming.path,
      clientId: header(incoming.headers, 'client-id'),
      time: header(incoming.headers, 'request-time'),
      body: incoming.rawBody,
      signatureHeader: header(incoming.headers, 'signature'),
    },
    config.antomPublicKey,
    config.clientId,
  );
  if (check.verdict === 'MISSING') {
    return {
      ok: false,
      verdict: 'MISSING',
      reason: 'SIGNATURE_MISSING',
      detail: 'no signature header',
      reply: notificationRefusal(401, 'signature required'),
    };
  }
  if (check.verdict === 'INVALID') {
    return {
      ok: false,
      verdict: 'INVALID',
      reason: 'SIGNATURE_INVALID',
      detail: check.reason,
      reply: notificationRefusal(401, 'invalid signature'),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(incoming.rawBody);
  } catch {
    return unreadable('the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return unreadable(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return {
    ok: true,
    verdict: 'VALID',
    notification: read(parsed.data, json as Record<string, unknown>),
    reply: notificationAck(),
  };
}

export function verifyNotifyRefund(
  config: { clientId: string; antomPublicKey: KeyObject },
  incoming: IncomingNotification,
): NotifyRefundCheck {
  return verifyNotification(config, incoming, notifyRefundSchema, (n, json) => ({
    notifyType: n.notifyType,
    refundRequestId: n.refundRequestId,
    refundId: n.refundId,
    paymentId: n.paymentId ?? null,
    status: n.refundStatus === 'SUCCESS' ? 'SUCCESS' : 'FAILED',
    rawStatus: typeof json.refundStatus === 'string' ? json.refundStatus : n.refundStatus,
    amount: { value: n.refundAmount.value, currency: n.refundAmount.currency },
    refundTime: toDate(n.refundTime),
    result: n.result,
    entry: resolveResultCode(n.result.resultCode, n.result.resultStatus, 'notifyRefund.online'),
  }));
}

/**
 * The payment state a notifyPayment reports, or null when it reports none (an in-store offline
 * payment code, or an in-store result without its result object). Online (paymentrn_online):
 * PAYMENT_RESULT with S is a success and F a failure; PAYMENT_PENDING means the buyer has paid and
 * the final result is to come. A U, which neither page lists, is read as still in process.
 */
export function paymentStateOfNotification(n: Pick<NotifyPayment, 'notifyType' | 'result'>): PaymentState | null {
  if (n.notifyType === 'OFFLINE_PAYMENT_CODE' || !n.result) return null;
  if (n.result.resultStatus === 'F') return 'FAIL';
  if (n.notifyType === 'PAYMENT_PENDING') return 'PENDING';
  return n.result.resultStatus === 'S' ? 'SUCCESS' : 'PROCESSING';
}

export function verifyNotifyPayment(
  config: { clientId: string; antomPublicKey: KeyObject },
  incoming: IncomingNotification,
): NotifyPaymentCheck {
  return verifyNotification(config, incoming, notifyPaymentSchema, (n) => ({
    notifyType: n.notifyType,
    paymentRequestId: n.paymentRequestId,
    paymentId: n.paymentId,
    status: paymentStateOfNotification(n),
    amount: { value: n.paymentAmount.value, currency: n.paymentAmount.currency },
    method: n.paymentMethodType ?? null,
    createdAt: toDate(n.paymentCreateTime),
    paidAt: toDate(n.paymentTime),
    result: n.result ?? null,
  }));
}
