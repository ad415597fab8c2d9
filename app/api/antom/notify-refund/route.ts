import { refundEngineDeps } from '@/lib/refunds/engine';
import { receiveRefundNotification } from '@/lib/refunds/notifications';
import { MAX_NOTIFY_BODY_BYTES, TOO_LARGE_BODY } from '@/lib/refunds/notify-refund-http';

// Antom's notifyRefund webhook under `next dev`. `npm start` answers this path before Next.js's
// router, with the same checks (lib/refunds/notify-refund-http.ts, scripts/serve.ts). Not behind a
// session: it is authenticated by Antom's RSA signature over the exact body and this path, checked
// before anything is applied (lib/refunds/notifications.ts).
export const dynamic = 'force-dynamic';

const tooLarge = () => new Response(TOO_LARGE_BODY, { status: 413, headers: { 'content-type': 'application/json' } });

export async function POST(request: Request) {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_NOTIFY_BODY_BYTES) return tooLarge();
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody) > MAX_NOTIFY_BODY_BYTES) return tooLarge();
  const url = new URL(request.url);
  const reply = await receiveRefundNotification(refundEngineDeps(), { path: url.pathname + url.search, headers: request.headers, rawBody });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
