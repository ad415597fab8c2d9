// Antom's notifyRefund webhook as a plain node:http handler. `npm start` serves the webhook's path
// with it, ahead of Next.js's router (scripts/serve.ts): the router's own work per request cost more
// CPU than verifying, storing and applying the notification (issue 6, measured in the note there).
// app/api/antom/notify-refund/route.ts serves the same path under `next dev`; both hand the request
// to receiveRefundNotification and answer alike.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBodyUpTo } from '../http/read-body';
import type { RefundEngineDeps } from './engine-deps';
import { receiveRefundNotification } from './notifications';

export const NOTIFY_REFUND_PATH = '/api/antom/notify-refund';

/** Antom's notifications are a few hundred bytes; anything this large is not one. */
export const MAX_NOTIFY_BODY_BYTES = 64 * 1024;

/** The answer to a body over MAX_NOTIFY_BODY_BYTES, in Antom's result shape. */
export const TOO_LARGE_BODY = JSON.stringify({ result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'too large' } });

/** True for a request this handler serves: the webhook's path, any query. */
export function isNotifyRefundRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return url === NOTIFY_REFUND_PATH || url.startsWith(`${NOTIFY_REFUND_PATH}?`);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/**
 * The handler. It needs no session: the notification is authenticated by Antom's RSA signature over
 * the exact body and path, checked before anything is applied (lib/refunds/notifications.ts).
 */
export function notifyRefundHandler(deps: () => RefundEngineDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (req.method !== 'POST') {
        req.resume();
        return send(res, 405, { allow: 'POST', 'content-type': 'text/plain' }, 'Method Not Allowed');
      }
      const json = { 'content-type': 'application/json' };
      if (Number(req.headers['content-length'] ?? 0) > MAX_NOTIFY_BODY_BYTES) {
        req.resume();
        return send(res, 413, json, TOO_LARGE_BODY);
      }
      const rawBody = await readBodyUpTo(req, MAX_NOTIFY_BODY_BYTES);
      if (rawBody === null) return send(res, 413, json, TOO_LARGE_BODY);
      const reply = await receiveRefundNotification(deps(), { path: req.url!, headers: req.headers, rawBody });
      send(res, reply.status, reply.headers, reply.body);
    } catch (error) {
      // Not acknowledged, so Antom sends it again; the cause goes to the log, not to the caller.
      console.error('[notifyRefund] could not take a notification:', error instanceof Error ? error.message : error);
      send(res, 500, { 'content-type': 'text/plain' }, 'Internal Server Error');
    }
  };
}
