// notifyRefund, Antom → us: verify Antom's signature over the exact body and our webhook's path,
// read it, and hand back the fixed acknowledgement. Anything unverified is refused (not acknowledged),
// so a forged notification changes nothing and a real one is simply retried by Antom.
import type { KeyObject } from 'node:crypto';
import type { Money } from '../money';
import type { ResultCodeInfo } from './result-codes';
import { resolveResultCode } from './result-codes';
import type { AntomResult } from './schemas/common';
import { toDate } from './schemas/common';
import { NOTIFY_REFUND_ACK_BODY, notifyRefundSchema } from './schemas/notify';
import { verifySignature } from './signing';

export { NOTIFY_REFUND_ACK, NOTIFY_REFUND_ACK_BODY } from './schemas/notify';

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

export interface NotificationReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type NotifyRefundCheck =
  | { ok: true; verdict: 'VALID'; notification: RefundNotification; reply: NotificationReply }
  | {
      ok: false;
      verdict: 'VALID' | 'INVALID' | 'MISSING';
      reason: 'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'UNPARSEABLE';
      detail: string;
      /** Not an acknowledgement: Antom will send it again (and a forger learns nothing). */
      reply: NotificationReply;
    };

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

/** The fixed body that stops Antom's retries. Only for a notification we verified and stored. */
export function notifyRefundAck(): NotificationReply {
  return { status: 200, headers: { ...JSON_HEADERS }, body: NOTIFY_REFUND_ACK_BODY };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

const refusal = (status: number, detail: string): NotificationReply => ({
  status,
  headers: { ...JSON_HEADERS },
  body: JSON.stringify({ result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: detail } }),
});

export function verifyNotifyRefund(
  config: { clientId: string; antomPublicKey: KeyObject },
  incoming: IncomingNotification,
): NotifyRefundCheck {
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
      reply: refusal(401, 'signature required'),
    };
  }
  if (check.verdict === 'INVALID') {
    return {
      ok: false,
      verdict: 'INVALID',
      reason: 'SIGNATURE_INVALID',
      detail: check.reason,
      reply: refusal(401, 'invalid signature'),
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(incoming.rawBody);
  } catch {
    return {
      ok: false,
      verdict: 'VALID',
      reason: 'UNPARSEABLE',
      detail: 'the body is not JSON',
      reply: refusal(400, 'unreadable notification'),
    };
  }
  const parsed = notifyRefundSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      verdict: 'VALID',
      reason: 'UNPARSEABLE',
      detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      reply: refusal(400, 'unreadable notification'),
    };
  }
  const n = parsed.data;
  const raw = (json as { refundStatus?: unknown }).refundStatus;
  return {
    ok: true,
    verdict: 'VALID',
    notification: {
      notifyType: n.notifyType,
      refundRequestId: n.refundRequestId,
      refundId: n.refundId,
      paymentId: n.paymentId ?? null,
      status: n.refundStatus === 'SUCCESS' ? 'SUCCESS' : 'FAILED',
      rawStatus: typeof raw === 'string' ? raw : n.refundStatus,
      amount: { value: n.refundAmount.value, currency: n.refundAmount.currency },
      refundTime: toDate(n.refundTime),
      result: n.result,
      entry: resolveResultCode(n.result.resultCode, n.result.resultStatus, 'notifyRefund.online'),
    },
    reply: notifyRefundAck(),
  };
}
