// npm run worker — the refund reconciler, the bulk refund runner and the hourly reconciliation of Antom's
// reports, on their own (npm start runs one inside). Any number may run.
// It always talks to the gateway it is given, so it is checked as npm start checks real mode
// (lib/startup/): a configuration unfit for Antom, or a database where a demo user can sign in, stops it.
import nextEnv from '@next/env';
import { createPrismaClient } from '../lib/db/client';
import { envOrExit, type Env } from '../lib/env';
import { createEngineDeps } from '../lib/refunds';
import { checkRealModeConfig, StartupRefused } from '../lib/startup/config';
import { checkNoActiveDemoUsers } from '../lib/startup/database';
import { startRefundWorker, type RefundWorker } from '../lib/refunds/worker';
import { startBatchRunner } from '../lib/bulk-refunds';
import { startReconcileSchedule } from '../lib/reports/worker';

export async function startWorkerFor(
  databaseUrl: string,
  env: Env,
): Promise<RefundWorker & { disconnect(): Promise<void> }> {
  const db = createPrismaClient(databaseUrl, { max: 4 });
  const deps = createEngineDeps(db, env);
  const worker = await startRefundWorker(deps, { databaseUrl });
  // Bulk refund batches (lib/bulk-refunds): reserved and sent at BULK_REFUND_RATE.
  const batches = await startBatchRunner(deps, { databaseUrl });
  // Antom's reports reconciled again every hour (lib/reports/worker.ts).
  const reconciling = await startReconcileSchedule(db, { databaseUrl });
  return {
    async stop() {
      await reconciling.stop();
      await batches.stop();
      await worker.stop();
      await db.$disconnect();
    },
    disconnect: () => db.$disconnect(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  nextEnv.loadEnvConfig(process.cwd());
  const env = envOrExit();
  const url = env.DATABASE_URL;
  if (!url) {
    console.error('Cannot start the worker: DATABASE_URL is not set (it needs the same database as the app).');
    process.exit(1);
  }
  try {
    checkRealModeConfig(env);
    const db = createPrismaClient(url, { max: 1 });
    await checkNoActiveDemoUsers(db).finally(() => db.$disconnect());
  } catch (error) {
    if (!(error instanceof StartupRefused)) throw error;
    console.error(`Cannot start the worker: ${error.message}`);
    process.exit(1);
  }
  const worker = await startWorkerFor(url, env);
  console.log('Refund worker running. Ctrl-C stops it.');
  const stop = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
