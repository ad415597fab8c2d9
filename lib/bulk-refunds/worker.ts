// The bulk refund runner in the background: a pg-boss queue on the same PostgreSQL, as the refund
// worker's (lib/refunds/worker.ts). A sweep every few seconds hands out every batch that has work
// (running, or cancelled with rows still to settle) and no live lease; the database is the source of
// truth, so a job lost with a crashed process is handed out again once its lease runs out.
import PgBoss from 'pg-boss';
import { Prisma } from '../db/client';
import { createQueueOnce } from '../db/queues';
import { queryRows } from '../db/sql';
import type { RefundEngineDeps } from '../refunds';
import { driveBatch, newRunnerId, type RunnerOptions } from './runner';

const BATCH_QUEUE = 'refund-batch';

/** Batches with work to do and no runner holding them. */
async function batchesToDrive(deps: RefundEngineDeps): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    deps.db,
    Prisma.sql`
    SELECT b.id FROM refund_batches b
     WHERE (b.lease_until IS NULL OR b.lease_until < now())
       AND (b.status = 'RUNNING'
            OR (b.status = 'CANCELLED' AND EXISTS (
                  SELECT 1 FROM refund_batch_rows r WHERE r.batch_id = b.id AND r.stage IN ('WAITING', 'HELD'))))
     ORDER BY b.confirmed_at NULLS LAST LIMIT 20`,
  );
  return rows.map((r) => r.id);
}

export interface BatchRunner {
  stop(): Promise<void>;
}

export async function startBatchRunner(
  deps: RefundEngineDeps,
  options: { databaseUrl: string; sweepEveryMs?: number; runner?: RunnerOptions; log?: (line: string) => void },
): Promise<BatchRunner> {
  const log = options.log ?? (() => {});
  const owner = newRunnerId();
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => console.error('[bulk] pg-boss:', error.message));
  await boss.start();
  // 'short': one queued job per batch (singleton key).
  await createQueueOnce(boss, BATCH_QUEUE, { policy: 'short', retryLimit: 2, retryDelay: 5, expireInSeconds: 600 });
  await boss.work<{ batchId: string }>(BATCH_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) {
      const outcome = await driveBatch(deps, job.data.batchId, owner, options.runner);
      log(`[bulk] batch ${job.data.batchId}: ${outcome}`);
    }
  });

  let stopped = false;
  let sweeping: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      for (const batchId of await batchesToDrive(deps))
        await boss.send(BATCH_QUEUE, { batchId }, { singletonKey: batchId });
    } catch (error) {
      console.error('[bulk] sweep failed:', error instanceof Error ? error.message : error);
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
