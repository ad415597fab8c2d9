// A refund-making process of the fault campaign (main.ts starts several): the refund engine as an app
// server runs it, on its own connection pool, called through the same front door the server actions
// call (refundPayment). Work comes as one JSON line per attempt on stdin; each answer goes out as one
// line on stdout, prefixed so that nothing else printed there is mistaken for one.
// With CAMPAIGN_RECEIVER_PORT set it also answers Antom's notifications on that port, through the
// same door `npm start` uses (lib/webhooks/node.ts), so killing it drops notifications for a while.
// SIGTERM: declines new work, finishes what it has, closes the door and its pool, exits 0.
import http from 'node:http';
import { createInterface } from 'node:readline';
import { createPrismaClient } from '../../lib/db/client';
import { parseEnv } from '../../lib/env';
import { createEngineDeps, refundPayment, RefundRefused } from '../../lib/refunds';
import { isNotificationRequest, nodeNotificationHandler } from '../../lib/webhooks/node';
import { LINE_PREFIX, type AttemptAnswer, type AttemptRequest, type MakerEvent } from './protocol';

const say = (event: MakerEvent) => process.stdout.write(`${LINE_PREFIX}${JSON.stringify(event)}\n`);

async function main() {
  const settings = parseEnv(process.env);
  const actor = { id: process.env.CAMPAIGN_ACTOR_ID!, role: 'REFUNDER' as const };
  const db = createPrismaClient(settings.DATABASE_URL, { max: Number(process.env.CAMPAIGN_POOL_MAX ?? 6) });
  const deps = createEngineDeps(db, settings);

  let receiver: http.Server | undefined;
  const receiverPort = Number(process.env.CAMPAIGN_RECEIVER_PORT ?? 0);
  if (receiverPort) {
    const notifications = nodeNotificationHandler(() => deps);
    receiver = http.createServer((req, res) => {
      if (isNotificationRequest(req)) void notifications(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      receiver!.once('error', reject);
      receiver!.listen(receiverPort, '127.0.0.1', () => resolve());
    });
  }

  const inFlight = new Set<Promise<void>>();
  let answered = 0;
  const attempt = async (request: AttemptRequest) => {
    let answer: AttemptAnswer;
    try {
      const { refund, created } = await refundPayment(deps, actor, {
        paymentId: request.paymentId,
        amountValue: request.amountValue,
        amountText: request.amountText,
        idempotencyKey: request.idempotencyKey,
        reason: 'Fault campaign',
      });
      answer = {
        n: request.n,
        kind: 'refund',
        status: refund.status,
        created,
        refundRequestId: refund.refundRequestId,
        resultCode: refund.resultCode,
      };
    } catch (error) {
      answer =
        error instanceof RefundRefused
          ? { n: request.n, kind: 'refused', code: error.code, message: error.message }
          : { n: request.n, kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    answered++;
    say(answer);
  };

  let stopping = false;
  let inputClosed: () => void;
  const inputEnded = new Promise<void>((resolve) => (inputClosed = resolve));
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    while (inFlight.size) await Promise.allSettled([...inFlight]);
    // Lines already on their way are read (and declined) before leaving, when the sender closes its end.
    await Promise.race([inputEnded, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    if (receiver) await new Promise((resolve) => receiver!.close(resolve));
    await db.$disconnect();
    say({ kind: 'stopped', answered });
    process.exit(0);
  };

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line) as AttemptRequest;
    // Shutting down: new work is declined (as a server closing refuses new requests), not half done.
    if (stopping) return say({ n: request.n, kind: 'declined' });
    const running = attempt(request);
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  });
  lines.once('close', () => {
    inputClosed();
    // The coordinator is gone or done (its end of the pipe closed): nothing more will come.
    void stop();
  });
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  say({ kind: 'ready' });
}

await main();
