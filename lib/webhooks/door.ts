// The one door for Antom's notifications, whatever server received them. A transport hands in the
// method, the path as received, the headers and a way to read the body up to a limit; the door
// answers with a status, headers and a body. `npm start` serves it from its node:http server ahead
// of Next.js's router (node.ts: the router's own work per request cost more CPU than taking the
// notification, issue 6); `next dev` serves the same paths from route handlers (web.ts). Each
// notification kind is one entry of NOTIFICATION_PATHS: notifyRefund and notifyPayment, each taken
// the same way (lib/refunds/notifications.ts: verified, stored raw once, applied, acknowledged).
//
// No session: a notification is authenticated by Antom's RSA signature over the exact body and
// path, checked before anything is applied.
import { receivePaymentNotification, receiveRefundNotification, type RefundEngineDeps } from '../refunds';
import { RejectLimiter } from './reject-limit';
import { errorFields, log } from '../ops/log';
import { countNotification } from '../ops/metrics';

const doorLog = () => log('notifications');

export interface DoorRequest {
  method: string;
  /** Path and query exactly as received (the signature covers them, with PUBLIC_BASE_URL's prefix). */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body as UTF-8 text, or null when it is longer than `maxBytes` (then it is not kept). */
  readBody(maxBytes: number): Promise<string | null>;
  /** The peer's address, for limiting refused notifications; null when the transport has none. */
  clientAddress: string | null;
}

export interface DoorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Receiver = (
  deps: RefundEngineDeps,
  notification: { path: string; headers: Record<string, string>; rawBody: string; storeRejects: boolean },
) => Promise<DoorReply>;

/** The paths Antom posts to, each with what takes its notification. */
const NOTIFICATION_PATHS: Record<string, Receiver> = {
  '/api/antom/notify-refund': receiveRefundNotification,
  // Online and in-store payments alike; in-store ones with ?channel=IN_STORE (lib/payments/notifications.ts).
  '/api/antom/notify-payment': receivePaymentNotification,
};

/** Antom's notifications are a few hundred bytes; anything this large is not one. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

const json = { 'content-type': 'application/json' };
const text = { 'content-type': 'text/plain' };
/** A refusal in Antom's result shape, so Antom's side logs a reason. */
const antomFailure = (message: string) =>
  JSON.stringify({ result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: message } });

function receiverFor(path: string): Receiver | undefined {
  const bare = path.split('?', 1)[0]!;
  return Object.hasOwn(NOTIFICATION_PATHS, bare) ? NOTIFICATION_PATHS[bare] : undefined;
}

/** True for a path this door serves (any query). */
export function isNotificationPath(path: string): boolean {
  return receiverFor(path) !== undefined;
}

/** One per process: refusals are counted where they arrive (reject-limit.ts). */
const rejects = new RejectLimiter();

/** How a reply is counted (antom_notifications_total) and logged. */
const VERDICTS: Record<number, string> = { 200: 'accepted', 401: 'rejected', 413: 'too_large', 429: 'limited' };

export async function answerNotification(
  deps: RefundEngineDeps,
  request: DoorRequest,
  limiter: RejectLimiter = rejects,
): Promise<DoorReply> {
  const reply = await answer(deps, request, limiter);
  const kind = request.path.includes('notify-payment') ? 'payment' : 'refund';
  if (request.method === 'POST' && reply.status !== 404) {
    const verdict = VERDICTS[reply.status] ?? (reply.status >= 500 ? 'error' : `http_${reply.status}`);
    countNotification(kind, verdict);
    doorLog().info({ kind, verdict, status: reply.status }, 'notification');
  }
  return reply;
}

async function answer(deps: RefundEngineDeps, request: DoorRequest, limiter: RejectLimiter): Promise<DoorReply> {
  const receive = receiverFor(request.path);
  if (!receive) return { status: 404, headers: text, body: 'Not Found' };
  if (request.method !== 'POST')
    return { status: 405, headers: { ...text, allow: 'POST' }, body: 'Method Not Allowed' };
  const address = request.clientAddress ?? 'unknown';
  // A limited address is still heard (a verified notification from it is taken as ever: the limit
  // must not cost Antom's own deliveries), but what it sends that is refused is no longer stored.
  const limited = limiter.isLimited(address);
  const tooMany = { status: 429, headers: { ...json, 'retry-after': '60' }, body: antomFailure('too many refused') };
  const tooLarge = { status: 413, headers: json, body: antomFailure('too large') };
  if (Number(request.headers['content-length'] ?? 0) > MAX_NOTIFICATION_BYTES) {
    limiter.record(address);
    return tooLarge;
  }
  try {
    const rawBody = await request.readBody(MAX_NOTIFICATION_BYTES);
    if (rawBody === null) {
      limiter.record(address);
      return tooLarge;
    }
    // Antom signed the path it posted to: behind a proxy that strips a prefix, put the prefix back.
    const path = (deps.publicPathPrefix ?? '') + request.path;
    const reply = await receive(deps, { path, headers: request.headers, rawBody, storeRejects: !limited });
    if (reply.status >= 400 && reply.status < 500) {
      limiter.record(address);
      if (limited) return tooMany;
    }
    return reply;
  } catch (error) {
    // Not acknowledged, so Antom sends it again; the cause goes to the log, not to the caller.
    doorLog().error(errorFields(error), 'could not take a notification');
    return { status: 500, headers: text, body: 'Internal Server Error' };
  }
}
