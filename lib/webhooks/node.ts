// The notification door on a node:http server (scripts/serve.ts under `npm start`, and the tests'
// webhook server).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER, normalizeAddress } from '../http/client-address';
import { readBodyUpTo } from '../http/read-body';
import type { RefundEngineDeps } from '../refunds';
import { answerNotification, isNotificationPath } from './door';

export function isNotificationRequest(req: IncomingMessage): boolean {
  return isNotificationPath(req.url ?? '');
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

export function nodeNotificationHandler(deps: () => RefundEngineDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let read = false;
    const reply = await answerNotification(deps(), {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: headerRecord(req),
      readBody: (maxBytes) => {
        read = true;
        return readBodyUpTo(req, maxBytes);
      },
      // As scripts/serve.ts decided it for every request (the socket, or through TRUSTED_PROXIES),
      // replacing any such header a client sent; a server that does not stamp it: the socket.
      clientAddress:
        normalizeAddress(req.headers[CLIENT_ADDRESS_HEADER] as string | undefined) ??
        normalizeAddress(req.socket.remoteAddress),
    });
    if (!read) req.resume(); // refused before reading: drain what the client still sends
    if (res.headersSent) return;
    res.writeHead(reply.status, { 'content-length': String(Buffer.byteLength(reply.body)), ...reply.headers });
    res.end(reply.body);
  };
}
