// Antom's notifyPayment under `next dev`. `npm start` answers this path before Next.js's router,
// through the same door (lib/webhooks/door.ts), with the same checks.
import { appEngineDeps } from '@/lib/refunds/app-deps';
import { answerWebNotification } from '@/lib/webhooks/web';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  return answerWebNotification(appEngineDeps(), request);
}
