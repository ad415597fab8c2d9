// Bulk refunds as the Next.js app uses them: on the app's one Prisma client and refund engine, the
// merchant named by the configured Antom client id, at BULK_REFUND_RATE. Pages, server actions and
// route handlers call these with the signed-in person; each function authorizes them again.
import 'server-only';
import type { Readable } from 'node:stream';
import type { Actor } from '../auth/roles';
import { prisma } from '../db';
import { env } from '../env';
import { appEngineDeps } from '../refunds/app-deps';
import { dryRunBatch, type BulkDeps, type DryRunResult } from './dry-run';
import { cancelBatch, confirmBatch, pauseBatch, resumeBatch } from './manage';
import { batchProgress, batchResultCsv, batchRows, getBatch, listBatches } from './queries';

function bulkDeps(): BulkDeps {
  const engine = appEngineDeps();
  return { db: prisma, merchantKey: engine.antom.config.clientId, ratePerSecond: env().BULK_REFUND_RATE };
}

export const appBulkRefunds = {
  dryRun: (actor: Actor, input: Readable, options: { fileName: string }): Promise<DryRunResult> =>
    dryRunBatch(bulkDeps(), actor, input, options),
  confirm: (actor: Actor, batchId: string) => confirmBatch(bulkDeps(), actor, batchId),
  pause: (actor: Actor, batchId: string) => pauseBatch({ db: prisma }, actor, batchId),
  resume: (actor: Actor, batchId: string) => resumeBatch({ db: prisma }, actor, batchId),
  cancel: (actor: Actor, batchId: string) => cancelBatch(appEngineDeps(), actor, batchId),
  get: (viewer: Actor, batchId: string) => getBatch(prisma, viewer, batchId),
  progress: (viewer: Actor, batchId: string) => batchProgress(prisma, viewer, batchId),
  rows: (viewer: Actor, batchId: string, options: Parameters<typeof batchRows>[3]) =>
    batchRows(prisma, viewer, batchId, options),
  list: (viewer: Actor) => listBatches(prisma, viewer),
  resultCsv: (viewer: Actor, batchId: string) => batchResultCsv(prisma, viewer, batchId),
};
