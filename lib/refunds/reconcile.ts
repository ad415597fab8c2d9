// Settles refunds that are not final: asks Antom (inquiryRefund) with backoff until they are, sends
// the ones whose first send never happened, and flags the ones stuck too long. Safe to run in several
// processes at once: each refund is leased (next_check_at pushed ahead) by one conditional UPDATE
// before any call, and the Antom call happens outside any transaction.
import type { Prisma } from '../generated/prisma/client';
import { canonicalResultCode, resolveResultCode } from '../antom';
import { applyInquiryOutcome } from './apply';
import { REFUND_COLUMNS, type RefundEngineDeps } from './engine-deps';
import { ABANDONED_AFTER_MS, nextCheckAt, STUCK_AFTER_MS } from './schedule';
import { noteRefund } from './transition';
import { resendRefund, submitRefund } from './submit';

const LEASE_MS = 60_000;
const OPEN = ['CREATED', 'PROCESSING', 'UNKNOWN'] as const;

/** Ids of refunds due for a check (for the worker to hand out). */
export async function dueRefunds(deps: RefundEngineDeps, limit = 100, now = new Date()): Promise<string[]> {
  const rows = await deps.db.refund.findMany({
    where: { status: { in: [...OPEN] }, nextCheckAt: { lte: now } },
    orderBy: { nextCheckAt: 'asc' },
    take: limit,
    select: { refundRequestId: true },
  });
  return rows.map((r) => r.refundRequestId);
}

/**
 * One check of one refund. Returns false when it was not due or another worker holds it.
 * `force` (a person pressed "check status now") ignores next_check_at but still takes the lease.
 */
export async function reconcileRefund(
  deps: RefundEngineDeps,
  refundRequestId: string,
  options: { force?: boolean } = {},
): Promise<boolean> {
  const now = new Date();
  const due: Prisma.RefundWhereInput = options.force
    ? {}
    : { OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }] };
  const leased = await deps.db.refund.updateMany({
    where: { refundRequestId, status: { in: [...OPEN] }, ...due },
    data: { nextCheckAt: new Date(now.getTime() + LEASE_MS), checkAttempts: { increment: 1 }, lastCheckedAt: now },
  });
  if (leased.count === 0) return false;
  const refund = await deps.db.refund.findUniqueOrThrow({
    where: { refundRequestId },
    select: { ...REFUND_COLUMNS, submittedAt: true, payment: { select: { channel: true } } },
  });

  if (refund.status === 'CREATED' && refund.submitAttempts === 0) {
    // Reserved but never sent: the request that reserved it died (or is about to send). Wait a
    // little for it; after that, this is the only process that may send it (the claim is atomic).
    if (now.getTime() - refund.createdAt.getTime() < ABANDONED_AFTER_MS && !options.force) {
      await noteRefund(deps.db, refundRequestId, {
        nextCheckAt: new Date(refund.createdAt.getTime() + ABANDONED_AFTER_MS),
      });
      return true;
    }
    await submitRefund(deps, refundRequestId, 'RECONCILER');
    return true;
  }

  if (refund.payment.channel === 'IN_STORE' && !refund.refundId) {
    if (!options.force && refund.resultCode && canonicalResultCode(refund.resultCode) === 'REPEAT_REQ_INCONSISTENT') {
      // Antom holds a different request under this refund request id and gave no refundId to ask
      // about: the same body sent again gets the same answer, every cycle. A person decides (their
      // "Check status now" sends it once more); until then it waits, its amount held.
      await noteRefund(deps.db, refundRequestId, {
        nextCheckAt: null,
        attentionReason:
          'Antom holds a different request under this refund request id and gives no refundId to check. The amount stays held: compare with Antom Dashboard, or contact Antom support with the refund request id.',
      });
      return true;
    }
    // The in-store inquiry needs Antom's refundId, which a lost answer never gave us. Sending the
    // same refund again is safe (same refundRequestId = same refund) and returns its result.
    await resendRefund(deps, refundRequestId, 'RECONCILER');
  } else if (refund.payment.channel === 'ONLINE' && askedToResend(refund)) {
    // Antom answered the refund call itself with a U whose documented action is to call the refund
    // API again (UNKNOWN_EXCEPTION, REQUEST_TRAFFIC_EXCEED_LIMIT): it had not taken the refund, so
    // asking about it would only hear ORDER_NOT_EXIST. Resent with the same id on the UNKNOWN backoff
    // until Antom answers it; only then is it inquired about.
    await resendRefund(deps, refundRequestId, 'RECONCILER');
  } else {
    const outcome = await deps.antom.inquiryRefund(
      refund.payment.channel === 'IN_STORE'
        ? { channel: 'IN_STORE', refundId: refund.refundId!, recordFor: refundRequestId }
        : {
            channel: 'ONLINE',
            ...(refund.refundId ? { refundId: refund.refundId } : { refundRequestId }),
            recordFor: refundRequestId,
          },
    );
    await applyInquiryOutcome(deps.db, refund, outcome);
  }
  await flagIfStuck(deps, refundRequestId, now);
  return true;
}

/** The refund call's last answer was a U that says: call the refund API again (seed 001, 003). */
function askedToResend(refund: {
  status: string;
  refundId: string | null;
  resultCode: string | null;
  resultStatus: string | null;
}) {
  return (
    refund.status === 'UNKNOWN' &&
    refund.refundId === null &&
    refund.resultStatus === 'U' &&
    refund.resultCode !== null &&
    resolveResultCode(refund.resultCode, 'U', 'refund.online').retrySameId
  );
}

async function flagIfStuck(deps: RefundEngineDeps, refundRequestId: string, now: Date) {
  await deps.db.refund.updateMany({
    where: {
      refundRequestId,
      status: { in: ['PROCESSING', 'UNKNOWN'] },
      attentionReason: null,
      createdAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) },
    },
    data: {
      attentionReason: `No final result ${Math.round(STUCK_AFTER_MS / 60_000)} minutes after the request. Checks continue; if this persists, contact Antom support with the refund request id.`,
    },
  });
}

/** Runs every due check once (tests and the worker's sweep). Returns how many it checked. */
export async function reconcileDue(deps: RefundEngineDeps, limit = 100): Promise<number> {
  let checked = 0;
  for (const id of await dueRefunds(deps, limit)) if (await reconcileRefund(deps, id)) checked++;
  return checked;
}

/** Applies notifications that were stored but could not be applied when they arrived. */
export async function pendingNotificationIds(deps: RefundEngineDeps, olderThanMs = 10_000): Promise<string[]> {
  const rows = await deps.db.notification.findMany({
    where: { outcome: 'PENDING', receivedAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    take: 100,
  });
  return rows.map((r) => r.id);
}

export { nextCheckAt };
