import { refundEngineDeps } from '@/lib/refunds/engine';
import { receiveRefundNotification } from '@/lib/refunds/notifications';

// Antom's notifyRefund webhook. Not behind a session: it is authenticated by Antom's RSA signature
// over the exact body and this path, checked before anything is applied (lib/refunds/notifications.ts).
export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

export async function POST(request: Request) {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return Response.json({ result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'too large' } }, { status: 413 });
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return Response.json({ result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'too large' } }, { status: 413 });
  const url = new URL(request.url);
  const reply = await receiveRefundNotification(refundEngineDeps(), { path: url.pathname + url.search, headers: request.headers, rawBody });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
