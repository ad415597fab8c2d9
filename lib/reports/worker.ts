// Reconciliation on a schedule: every hour the worker reconciles the last few days again
// (reconcileRecent), so that a refund Antom's report lacks is flagged once T+2 begins, and a
// difference our books have caught up with is resolved, whether or not anyone imports or looks.
// A pg-boss schedule on the same PostgreSQL as the refund worker's queues: pg-boss sends one job per
// tick however many workers run, and the 'singleton' queue never runs two reconciliations at once.
import PgBoss from 'pg-boss';
import type { Db } from '../db/client';
import { createQueueOnce } from '../db/queues';
import { errorFields, log } from '../ops/log';
import { reconcileRecent } from './reconcile';

export const RECONCILE_QUEUE = 'reports-reconcile';
/** Hourly, at a minute apart from the hour's other cron jobs; UTC, as Antom's report days are. */
export const RECONCILE_CRON = '17 * * * *';

const workerLog = () => log('worker');

export interface ReconcileSchedule {
  stop(): Promise<void>;
}

export async function startReconcileSchedule(db: Db, options: { databaseUrl: string }): Promise<ReconcileSchedule> {
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => workerLog().error(errorFields(error), 'pg-boss error'));
  await boss.start();
  await createQueueOnce(boss, RECONCILE_QUEUE, { policy: 'singleton', expireInSeconds: 1800 });
  // Idempotent: the schedule is one row per queue, whichever worker wrote it last.
  await boss.schedule(RECONCILE_QUEUE, RECONCILE_CRON, {}, { tz: 'UTC' });
  await boss.work(RECONCILE_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    const started = performance.now();
    const result = await reconcileRecent(db);
    workerLog().info({ ...result, ms: Math.round(performance.now() - started) }, 'reports reconciled again');
  });
  return { stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}
