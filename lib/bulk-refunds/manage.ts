// What a person does with a batch after its dry run: confirm it (the action asks a step-up code
// first), pause, resume and cancel it. Each function authorizes its actor and writes the audit log.
import { writeAudit } from '../audit/log';
import { authorize, can, type Actor, type Role } from '../auth/roles';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import { UserFacingError } from '../errors';
import { cancelUnsentRefund, type RefundEngineDeps } from '../refunds';
import type { BulkDeps } from './dry-run';

export class BatchRefused extends UserFacingError {
  override name = 'BatchRefused';
}

type Status = 'DRY_RUN' | 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'DONE';

/** One conditional move of the batch's status; refused with words when it is not in a state that allows it. */
async function move(
  deps: Pick<BulkDeps, 'db'>,
  actor: Actor,
  batchId: string,
  from: Status[],
  to: Status,
  data: Prisma.RefundBatchUpdateManyMutationInput,
  refusal: string,
): Promise<void> {
  authorize(actor, 'refund');
  const moved = await deps.db.refundBatch.updateMany({
    where: { id: batchId, status: { in: from } },
    data: { ...data, status: to },
  });
  if (moved.count === 0) {
    const exists = await deps.db.refundBatch.findUnique({ where: { id: batchId }, select: { status: true } });
    throw new BatchRefused(exists ? refusal : 'There is no such batch.');
  }
  await writeAudit(deps.db, {
    actorType: 'USER',
    actorId: actor.id,
    action: `bulk_refund.${to === 'RUNNING' && from.includes('DRY_RUN') ? 'confirmed' : to.toLowerCase()}`,
    details: { batchId },
  });
}

/** Confirms a dry-run batch: from now on the worker reserves and sends its rows, at `deps.ratePerSecond`. */
export async function confirmBatch(deps: BulkDeps, actor: Actor, batchId: string): Promise<void> {
  authorize(actor, 'refund');
  const batch = await deps.db.refundBatch.findUnique({
    where: { id: batchId },
    select: { readyCount: true, approvalCount: true },
  });
  if (!batch) throw new BatchRefused('There is no such batch.');
  if (batch.readyCount + batch.approvalCount === 0)
    throw new BatchRefused('Every row of this file was refused: there is nothing to send.');
  await move(
    deps,
    actor,
    batchId,
    ['DRY_RUN'],
    'RUNNING',
    { confirmedById: actor.id, confirmedAt: new Date(), ratePerSecond: deps.ratePerSecond },
    'This batch was already confirmed.',
  );
}

export function pauseBatch(deps: Pick<BulkDeps, 'db'>, actor: Actor, batchId: string): Promise<void> {
  return move(deps, actor, batchId, ['RUNNING'], 'PAUSED', {}, 'Only a batch being sent can be paused.');
}

export function resumeBatch(deps: Pick<BulkDeps, 'db'>, actor: Actor, batchId: string): Promise<void> {
  return move(deps, actor, batchId, ['PAUSED'], 'RUNNING', {}, 'Only a paused batch can be resumed.');
}

/**
 * Cancels a batch: rows not sent yet are cancelled, their reserved refunds end without being sent and
 * release their amounts. Rows already sent run their course. A runner sending at this moment sees
 * the cancel at its next row (and settles again what it reserved meanwhile).
 */
export async function cancelBatch(engine: RefundEngineDeps, actor: Actor, batchId: string): Promise<void> {
  // A finished batch can still be cancelled while some of its refunds wait for approval (only those
  // are cancelled then: everything else was sent).
  const [waiting] = await queryRows<{ n: number }>(
    engine.db,
    Prisma.sql`SELECT count(*)::int AS n FROM refund_batch_rows b JOIN refunds r ON r.refund_request_id = b.refund_request_id
                WHERE b.batch_id = ${batchId}::uuid AND r.status = 'PENDING_APPROVAL'`,
  );
  await move(
    engine,
    actor,
    batchId,
    waiting!.n > 0 ? ['DRY_RUN', 'RUNNING', 'PAUSED', 'DONE'] : ['DRY_RUN', 'RUNNING', 'PAUSED'],
    'CANCELLED',
    { cancelledById: actor.id, finishedAt: new Date() },
    'This batch is finished or already cancelled.',
  );
  await settleCancelled(engine, batchId, actor.id);
}

/**
 * Brings a cancelled batch's rows in line: held refunds never sent are cancelled (holds released),
 * held ones that were sent are marked so, and rows never reserved are cancelled. Safe to repeat.
 */
export async function settleCancelled(engine: RefundEngineDeps, batchId: string, fallbackActorId: string | null) {
  const batch = await engine.db.refundBatch.findUnique({
    where: { id: batchId },
    select: { cancelledById: true, status: true },
  });
  if (batch?.status !== 'CANCELLED') return;
  const actorId = batch.cancelledById ?? fallbackActorId;
  const user = actorId
    ? await engine.db.user.findUnique({ where: { id: actorId }, select: { id: true, role: true } })
    : null;
  const held = await queryRows<{ row: number; refundRequestId: string }>(
    engine.db,
    Prisma.sql`
    SELECT b.row, b.refund_request_id AS "refundRequestId" FROM refund_batch_rows b
      JOIN refunds r ON r.refund_request_id = b.refund_request_id
     WHERE b.batch_id = ${batchId}::uuid AND b.stage IN ('WAITING', 'HELD')
       AND (r.status = 'PENDING_APPROVAL' OR (r.status = 'CREATED' AND r.submit_attempts = 0))`,
  );
  if (held.length > 0 && user && can(user.role as Role, 'refund')) {
    const actor = { id: user.id, role: user.role as Role };
    for (const h of held)
      await cancelUnsentRefund(engine, actor, h.refundRequestId, `Bulk batch ${batchId} cancelled.`);
  }
  await queryRows(
    engine.db,
    Prisma.sql`
    UPDATE refund_batch_rows b
       SET stage = CASE WHEN r.refund_request_id IS NULL OR r.status = 'CANCELLED'
                        THEN 'CANCELLED'::"BatchRowStage" ELSE 'SENT'::"BatchRowStage" END,
           updated_at = now()
      FROM refund_batch_rows b2 LEFT JOIN refunds r ON r.refund_request_id = b2.refund_request_id
     WHERE b.batch_id = ${batchId}::uuid AND b2.batch_id = b.batch_id AND b2.row = b.row
       AND b.stage IN ('WAITING', 'HELD') AND b.verdict <> 'REFUSED'
       AND (r.refund_request_id IS NULL OR r.status NOT IN ('CREATED', 'PENDING_APPROVAL') OR r.submit_attempts > 0)`,
  );
}
