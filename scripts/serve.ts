// The app's HTTP server under `npm start` (scripts/start.ts runs it with the environment it prepared)
// and in a release (release/server.mjs runs it from the release folder): Next.js serves everything,
// except Antom's notifications, which the notification door answers before Next.js's router sees them
// (lib/webhooks/door.ts says why). Same port, same paths.
//
// Every request gets its id here (lib/ops/request-context.ts), carried into its log lines and Antom
// call records, and answered in X-Request-Id. SIGTERM drains: new connections are refused, readiness
// answers 503, requests in flight (and the Antom calls they wait on) finish, up to SHUTDOWN_TIMEOUT_MS;
// then the pools close and the process exits 0.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import next from 'next';
import { createPrismaClient, type Db } from '../lib/db/client';
import { envOrExit } from '../lib/env';
import { createEngineDeps } from '../lib/refunds';
import { malformedAddress } from '../lib/http/malformed-url';
import { stampClientAddress } from '../lib/http/client-address';
import { isNotificationRequest, nodeNotificationHandler } from '../lib/webhooks/node';
import { errorFields, log } from '../lib/ops/log';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestContext } from '../lib/ops/request-context';
import { startDraining } from '../lib/ops/shutdown';

const env = envOrExit();
const port = env.PORT;
const hostname = env.HOST;
const httpLog = log('http');

const db = createPrismaClient(env.DATABASE_URL, { max: 10, name: 'notifications' });
const deps = createEngineDeps(db, env);
const notifications = nodeNotificationHandler(() => deps);

// The configuration the build recorded, handed over as Next.js's own standalone server.js does: the
// same under `npm start` and in a release (which has no next.config.js to read).
const { config } = JSON.parse(readFileSync('.next/required-server-files.json', 'utf8')) as {
  config: NonNullable<Parameters<typeof next>[0]['conf']>;
};
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
const app = next({ dev: false, dir: process.cwd(), hostname, port, conf: config });
const handle = app.getRequestHandler();
await app.prepare();

let inFlight = 0;
let draining = false;
let drained: (() => void) | undefined;

const server = createServer((req, res) => {
  const started = performance.now();
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  // Next.js's handlers read it from the request too (the context below is the main way).
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader('X-Request-Id', requestId);
  // While draining, keep-alive connections are closed after their answer.
  if (draining) res.setHeader('Connection', 'close');
  inFlight += 1;
  res.once('close', () => {
    inFlight -= 1;
    const path = (req.url ?? '/').split('?')[0];
    const fields = {
      requestId,
      method: req.method,
      path,
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    };
    if (path?.startsWith('/_next/static/')) httpLog.debug(fields, 'request');
    else httpLog.info(fields, 'request');
    if (draining && inFlight === 0) drained?.();
  });
  withRequestContext({ requestId }, () => {
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
});
server.listen(port, hostname, () => {
  console.log(`✓ Ready on http://${hostname ?? 'localhost'}:${port}`);
  httpLog.info({ port, hostname: hostname ?? null }, 'listening');
});

let stopping: Promise<void> | undefined;
async function stop(signal: string) {
  draining = true;
  startDraining();
  httpLog.info({ signal, inFlight, timeoutMs: env.SHUTDOWN_TIMEOUT_MS }, 'draining: no new connections');
  // No new connections; idle keep-alive ones closed now, busy ones after their answer.
  server.close();
  server.closeIdleConnections();
  const finished = inFlight === 0 || (await waitFor(new Promise<void>((resolve) => (drained = resolve))));
  if (!finished) httpLog.warn({ inFlight }, 'shutdown timeout: closing requests still in flight');
  server.closeAllConnections();
  await app.close().catch((error: unknown) => httpLog.error(errorFields(error), 'closing Next.js failed'));
  const appDb = (globalThis as { prisma?: Db }).prisma; // lib/db.ts's client, when a page made it
  await Promise.all([db.$disconnect(), appDb?.$disconnect()]).catch(() => {});
  httpLog.info({ inFlight }, 'stopped');
  process.exit(0);
}

/** True when it settled within SHUTDOWN_TIMEOUT_MS. */
function waitFor(settled: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), env.SHUTDOWN_TIMEOUT_MS);
    void settled.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void (stopping ??= stop(signal)));
