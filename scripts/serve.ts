// The app's HTTP server under `npm start` (scripts/start.ts runs it with the environment it prepared):
// Next.js serves everything, except Antom's notifications, which the notification door answers
// before Next.js's router sees them (lib/webhooks/door.ts says why). Same port, same paths.
import { createServer } from 'node:http';
import next from 'next';
import { createPrismaClient } from '../lib/db/client';
import { envOrExit } from '../lib/env';
import { createEngineDeps } from '../lib/refunds';
import { malformedAddress } from '../lib/http/malformed-url';
import { stampClientAddress } from '../lib/http/client-address';
import { isNotificationRequest, nodeNotificationHandler } from '../lib/webhooks/node';

const env = envOrExit();
const port = env.PORT;
const hostname = env.HOST;

const db = createPrismaClient(env.DATABASE_URL, { max: 10 });
const deps = createEngineDeps(db, env);
const notifications = nodeNotificationHandler(() => deps);

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // Next.js's router fails on some malformed addresses with a 500 before proxy.ts runs: refuse them here.
  const malformed = malformedAddress(req.url ?? '/');
  if (malformed) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`Bad request: ${malformed}.\n`);
    return;
  }
  // Who the client is, decided here on the socket (and TRUSTED_PROXIES), before anything reads it:
  // Next.js would pass on whatever X-Forwarded-For a client sent (lib/http/client-address.ts).
  stampClientAddress(req, env.TRUSTED_PROXIES);
  if (isNotificationRequest(req)) void notifications(req, res);
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
