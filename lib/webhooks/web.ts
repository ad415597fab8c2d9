// The notification door in a Next.js route handler (the same paths under `next dev`).
import { readWebBodyUpTo } from '../http/read-body';
import type { RefundEngineDeps } from '../refunds';
import { answerNotification } from './door';

export async function answerWebNotification(deps: RefundEngineDeps, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const reply = await answerNotification(deps, {
    method: request.method,
    path: url.pathname + url.search,
    headers,
    readBody: (maxBytes) => readWebBodyUpTo(request, maxBytes),
    // A route handler sees no socket (this path serves `next dev`; `npm start` uses node.ts).
    clientAddress: null,
  });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
