// Refunds reserved for a bulk batch and not sent yet (initiate.ts, holdForBatch): the batch runner
// sends each at its rate, or cancels the ones it will not send. Both decide on the same condition,
// "reserved and never sent" (status CREATED, submit_attempts 0), under the refund's row lock, so a
// refund is either sent or cancelled, never both: submit.ts claims the first send with a conditional
// UPDATE that waits for the cancel's lock and then finds the refund no longer CREATED.
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import type { RefundEngineDeps } from './engine-deps';
import { submitRefund } from './submit';
import { transitionArgs } from './transition';

/** Sends a held refund now. False when it was sent already (by an earlier run) or is no longer held. */
export function sendHeld(deps: RefundEngineDeps, refundRequestId: string): Promise<boolean> {
  return submitRefund(deps, refundRequestId);
}

/** The result code a cancelled, never-sent batch refund carries (the CSV and the timeline show it). */
export const CANCELLED_BEFORE_SENDING = 'CANCELLED_BEFORE_SENDING';

/**
 * Cancels held refunds that were never sent, releasing their amounts (a refund that is not held any
 * more no longer counts against its payment: trigger refunds_hold_amounts). Returns the ids cancelled;
 * one already sent is left alone (it runs its course).
 */
export async function cancelHeld(
  deps: RefundEngineDeps,
  actorId: string,
  refundRequestIds: readonly string[],
  note: string,
): Promise<string[]> {
  if (refundRequestIds.length === 0) return [];
  const args = transitionArgs({
    to: 'FAILED',
    cause: 'USER',
    actorId,
    resultCode: CANCELLED_BEFORE_SENDING,
    resultMessage: 'Cancelled with its bulk batch before it was sent to Antom; nothing was refunded.',
    note,
  });
  // One statement: lock the never-sent ones (a concurrent send claim waits), then move each through
  // refund_transition (state check, update and audit entry, as every move).
  const rows = await queryRows<{ refundRequestId: string }>(
    deps.db,
    Prisma.sql`
    WITH held AS (
      SELECT refund_request_id FROM refunds
       WHERE refund_request_id = ANY(${[...refundRequestIds]}::text[]) AND status = 'CREATED' AND submit_attempts = 0
       ORDER BY refund_request_id
         FOR UPDATE
    )
    SELECT h.refund_request_id AS "refundRequestId"
      FROM held h,
           LATERAL refund_transition(h.refund_request_id, 'FAILED'::"RefundStatus", ${args.fromStates}::"RefundStatus"[],
                                     ${JSON.stringify(args.changes)}::jsonb, 'USER'::"ActorType", ${actorId}::uuid,
                                     ${JSON.stringify(args.details)}::jsonb) t
     WHERE t.changed`,
  );
  return rows.map((r) => r.refundRequestId);
}
