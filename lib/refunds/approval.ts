// What happens to a refund that waits for approval (issue 16): approved (then sent, with the
// refundRequestId it was given when asked), rejected, expired, or cancelled unsent (a batch).
//
// Each decision is one SQL call under the refund's row lock (migration 20261203040300_approvals):
// refund_approve and refund_cancel_unsent. So two approvers clicking at once make one approval (the
// second finds it no longer waiting), and an approval never meets a rejection or an expiry half-way.
// The send after an approval is the engine's usual first send (submit.ts), whose claim in the
// database makes it one send whoever else (the reconciler) tries.
import { authorize, type Actor } from '../auth/roles';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import { UserFacingError } from '../errors';
import { readRefund, type RefundEngineDeps, type RefundRow } from './engine-deps';
import { REFUND_STATUS_WORDS, type RefundStatus } from './states';
import { submitRefund } from './submit';

/** An approval or rejection that cannot be made, in words for the person. */
export class ApprovalRefused extends UserFacingError {
  override name = 'ApprovalRefused';
  constructor(
    readonly code: 'NOT_FOUND' | 'NOT_WAITING' | 'OWN_REQUEST' | 'EXPIRED' | 'INVALID',
    message: string,
  ) {
    super(message);
  }
}

function notWaiting(status: RefundStatus | null): ApprovalRefused {
  if (status === null) return new ApprovalRefused('NOT_FOUND', 'There is no such refund.');
  if (status === 'CANCELLED')
    return new ApprovalRefused(
      'NOT_WAITING',
      'This refund no longer waits for approval: it was rejected, expired or cancelled, and nothing was sent.',
    );
  return new ApprovalRefused(
    'NOT_WAITING',
    `This refund no longer waits for approval: someone approved it already (it is now ${REFUND_STATUS_WORDS[status].label.toLowerCase()}).`,
  );
}

/**
 * Approves a waiting refund and sends it to Antom at once. Refused for the person who asked for it,
 * for one that expired (cancelled here, its hold released) and for one no longer waiting (another
 * approver was first, or it was rejected). The step-up code is the caller's (the server action's).
 */
export async function approveRefund(deps: RefundEngineDeps, actor: Actor, refundRequestId: string): Promise<RefundRow> {
  authorize(actor, 'approveRefunds');
  // If this process dies before the send, the reconciler sends it after this (a reserved CREATED refund).
  const sendBy = new Date(Date.now() + 30_000);
  const [row] = await queryRows<{ result: string; current_status: RefundStatus | null }>(
    deps.db,
    Prisma.sql`SELECT result, current_status FROM refund_approve(${refundRequestId}, ${actor.id}::uuid, ${sendBy}::timestamptz)`,
  );
  switch (row?.result) {
    case 'APPROVED':
      await submitRefund(deps, refundRequestId);
      break;
    case 'OWN_REQUEST':
      throw new ApprovalRefused('OWN_REQUEST', 'You asked for this refund: another person must approve it.');
    case 'EXPIRED':
      throw new ApprovalRefused(
        'EXPIRED',
        'This refund waited too long and expired: it was cancelled, nothing was sent, and the amount is available again. Ask for a new refund if it is still due.',
      );
    default:
      throw notWaiting(row?.current_status ?? null);
  }
  return (await readRefund(deps.db, refundRequestId))!;
}

/** Rejects a waiting refund with a reason: it is cancelled, never sent, and its hold released. */
export async function rejectRefund(
  deps: RefundEngineDeps,
  actor: Actor,
  refundRequestId: string,
  reason: string,
): Promise<RefundRow> {
  authorize(actor, 'approveRefunds');
  const why = reason.trim();
  if (why.length < 3 || why.length > 256)
    throw new ApprovalRefused('INVALID', 'Say why it is rejected (3 to 256 characters): the requester reads it.');
  const refund = await readRefund(deps.db, refundRequestId);
  if (!refund) throw notWaiting(null);
  if (refund.requestedById === actor.id)
    throw new ApprovalRefused('OWN_REQUEST', 'You asked for this refund: another person must decide on it.');
  const moved = await cancelUnsent(deps, refundRequestId, 'REJECTED', actor.id, why);
  if (!moved.changed) throw notWaiting(moved.current);
  return (await readRefund(deps.db, refundRequestId))!;
}

/**
 * Cancels a refund that was never sent: one waiting for approval, or one reserved and not yet
 * claimed for sending (a batch's rows not yet sent, when the batch is cancelled). Its hold is
 * released. Returns false when it is past that (sent, or final): it is then left as it is.
 */
export async function cancelUnsentRefund(
  deps: RefundEngineDeps,
  actor: Actor,
  refundRequestId: string,
  reason: string,
): Promise<boolean> {
  authorize(actor, 'refund');
  return (await cancelUnsent(deps, refundRequestId, 'CANCELLED', actor.id, reason)).changed;
}

async function cancelUnsent(
  deps: RefundEngineDeps,
  refundRequestId: string,
  kind: 'REJECTED' | 'EXPIRED' | 'CANCELLED',
  actorId: string | null,
  reason: string,
): Promise<{ changed: boolean; current: RefundStatus | null }> {
  const [row] = await queryRows<{ changed: boolean; current_status: RefundStatus | null }>(
    deps.db,
    Prisma.sql`SELECT changed, current_status FROM refund_cancel_unsent(${refundRequestId}, ${kind}, ${actorId}::uuid, ${reason})`,
  );
  return { changed: !!row?.changed, current: row?.current_status ?? null };
}

/** Cancels waiting refunds past their time (the worker's sweep). Returns how many. */
export async function expireWaitingRefunds(deps: RefundEngineDeps, limit = 200): Promise<number> {
  const [row] = await queryRows<{ expired: number }>(
    deps.db,
    Prisma.sql`SELECT refund_expire_waiting(${limit}::int) AS expired`,
  );
  return row?.expired ?? 0;
}
