// The background worker: a pg-boss queue on the same PostgreSQL hands out refund checks, so any
// number of worker processes can run (inside `npm start`, or alone with `npm run worker`). A sweep
// every few seconds enqueues refunds whose next_check_at has come (the database is the source of
// truth; a job lost with a crashed process is simply enqueued again). pg-boss's singleton key keeps
// one queued job per refund, and reconcileRefund's lease keeps one check at a time.
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { RefundEngineDeps } from './engine-deps';
import { expireWaitingRefunds } from './approval';
import { replayNotification } from './notifications';
import { dueRefunds, pendingNotificationIds, reconcileRefund } from './reconcile';
import { errorFields, log } from '../ops/log';
import { withRequestContext } from '../ops/request-context';

const workerLog = () => log('worker');

/** Each job runs as its own "request": its log lines and Antom call records carry `job:<pg-boss id>`. */
function asJob<T>(job: { id: string; name: string }, work: () => Promise<T>): Promise<T> {
  return withRequestContext({ requestId: `job:${job.id}` }, async () => {
    const started = performance.now();
    try {
      const result = await work();
      workerLog().info({ queue: job.name, ms: Math.round(performance.now() - started) }, 'job done');
      return result;
    } catch (error) {
      workerLog().error({ queue: job.name, ...errorFields(error) }, 'job failed');
      throw error;
    }
  });
}

const CHECK_QUEUE = 'refund-check';
const NOTIFICATION_QUEUE = 'notification-replay';

const QUEUE_SETUP_LOCK = 7_300_042; // any constant: serialises queue creation across workers

/** Workers starting together would deadlock creating the same queues: one at a time does it. */
async function createQueuesOnce(databaseUrl: string, boss: PgBoss) {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [QUEUE_SETUP_LOCK]);
    for (const name of [CHECK_QUEUE, NOTIFICATION_QUEUE]) {
      // 'short': at most one queued job per singleton key; retries cover a crash mid-check.
      if (!(await boss.getQueue(name)))
        await boss.createQueue(name, { name, policy: 'short', retryLimit: 3, retryDelay: 5, expireInSeconds: 120 });
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [QUEUE_SETUP_LOCK]).catch(() => {});
    await lock.end();
  }
}

export interface RefundWorker {
  stop(): Promise<void>;
}

export async function startRefundWorker(
  deps: RefundEngineDeps,
  options: { databaseUrl: string; sweepEveryMs?: number; log?: (line: string) => void },
): Promise<RefundWorker> {
  const say = options.log ?? (() => {});
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (error) => workerLog().error(errorFields(error), 'pg-boss error'));
  await boss.start();
  await createQueuesOnce(options.databaseUrl, boss);
  await boss.work<{ refundRequestId: string }>(
    CHECK_QUEUE,
    { batchSize: 4, pollingIntervalSeconds: 1 },
    async (jobs) => {
      for (const job of jobs) await asJob(job, () => reconcileRefund(deps, job.data.refundRequestId));
    },
  );
  await boss.work<{ notificationId: string }>(NOTIFICATION_QUEUE, { pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) await asJob(job, () => replayNotification(deps, job.data.notificationId));
  });

  let stopped = false;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      const due = await dueRefunds(deps, 200);
      for (const refundRequestId of due)
        await boss.send(CHECK_QUEUE, { refundRequestId }, { singletonKey: refundRequestId });
      for (const notificationId of await pendingNotificationIds(deps))
        await boss.send(NOTIFICATION_QUEUE, { notificationId }, { singletonKey: notificationId });
      if (due.length) {
        say(`[worker] ${due.length} refund check(s) queued`);
        workerLog().info({ queued: due.length }, 'refund checks queued');
      }
      // Refunds that waited for approval too long: cancelled, their holds released (one statement).
      const expired = await expireWaitingRefunds(deps);
      if (expired) {
        say(`[worker] ${expired} refund(s) waiting for approval expired`);
        workerLog().info({ expired }, 'refunds waiting for approval expired');
      }
    } catch (error) {
      workerLog().error(errorFields(error), 'sweep failed');
    }
  };
  const timer = setInterval(() => {
    if (!stopped) sweeping = sweeping.then(sweep);
  }, options.sweepEveryMs ?? 2_000);
  sweeping = sweep();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await sweeping;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
