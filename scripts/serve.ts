// The app's HTTP server under `npm start` (scripts/start.ts runs it with the environment it prepared):
// Next.js serves everything, except Antom's notifyRefund webhook, which is answered here before
// Next.js's router sees it (lib/refunds/notify-refund-http.ts says why). Same port, same paths.
import { createServer } from 'node:http';
import next from 'next';
import { createAntomClient, loadAntomConfig, prismaRecorder } from '../lib/antom';
import { createPrismaClient } from '../lib/db/client';
import { envOrExit } from '../lib/env';
import type { RefundEngineDeps } from '../lib/refunds/engine-deps';
import { isNotifyRefundRequest, notifyRefundHandler } from '../lib/refunds/notify-refund-http';

const env = envOrExit();
const port = env.PORT;
const hostname = env.HOST;

const db = createPrismaClient(env.DATABASE_URL, { max: 10 });
const deps: RefundEngineDeps = {
  db,
  antom: createAntomClient({ config: loadAntomConfig(env), recorder: prismaRecorder(db) }),
  notifyUrl: env.ANTOM_NOTIFY_URL,
};
const webhook = notifyRefundHandler(() => deps);

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (isNotifyRefundRequest(req)) void webhook(req, res);
  else void handle(req, res);
});
server.listen(port, hostname, () => console.log(`✓ Ready on http://${hostname ?? 'localhost'}:${port}`));

async function stop() {
  server.close();
  server.closeAllConnections();
  await app.close();
  await db.$disconnect();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
