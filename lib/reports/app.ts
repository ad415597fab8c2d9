// The reports module as the Next.js app uses it: on the app's one Prisma client. Pages, server actions
// and route handlers call these with the signed-in person; each function below authorizes them again.
import 'server-only';
import type { Readable } from 'node:stream';
import type { Actor } from '../auth/roles';
import { prisma } from '../db';
import { importReport, type ImportOptions, type ImportResult } from './import';
import { reconcileRange, type ReconcileResult } from './reconcile';
import {
  countOpenMoneyDifferences,
  differencesCsv,
  explainDifference,
  getDifference,
  getReconciliation,
  getRefundSettlement,
  type DifferenceFilter,
  type DifferenceRow,
  type Reconciliation,
  type RefundSettlement,
} from './queries';

export const appReports = {
  importReport: (actor: Actor, input: Readable, options: ImportOptions): Promise<ImportResult> =>
    importReport(prisma, actor, input, options),
  reconcileRange: (actor: Actor, range: { from: string; to: string }): Promise<ReconcileResult> =>
    reconcileRange(prisma, actor, range),
  getReconciliation: (
    viewer: Actor,
    range: { from: string; to: string; filter?: DifferenceFilter; limit?: number },
  ): Promise<Reconciliation> => getReconciliation(prisma, viewer, range),
  getDifference: (viewer: Actor, id: string): Promise<DifferenceRow | null> => getDifference(prisma, viewer, id),
  explainDifference: (actor: Actor, input: { id: string; note: string }): Promise<void> =>
    explainDifference(prisma, actor, input),
  getRefundSettlement: (viewer: Actor, refundRequestId: string): Promise<RefundSettlement | null> =>
    getRefundSettlement(prisma, viewer, refundRequestId),
  countOpenMoneyDifferences: (viewer: Actor): Promise<{ count: number; from: string | null; to: string | null }> =>
    countOpenMoneyDifferences(prisma, viewer),
  differencesCsv: (viewer: Actor, range: { from: string; to: string }): Promise<string> =>
    differencesCsv(prisma, viewer, range),
};
