// The refund engine's front door: every operation a caller needs, each checking who acts, that the
// refund belongs to the payment named, and writing its audit entry. Server actions, route handlers,
// the notification door (lib/webhooks/) and scripts call these and nothing else of lib/refunds'
// write side (ESLint holds app/ and components/ to it). The modules behind it:
//   initiate.ts  checks and reserves (SQL refund_reserve), then submit.ts sends to Antom; a refund an
//                approval rule holds (lib/approvals) is reserved PENDING_APPROVAL and not sent
//   approval.ts  approve (then send), reject, expire, cancel unsent (SQL refund_approve, refund_cancel_unsent)
//   apply.ts     what an answer from Antom means for the refund (call, inquiry, notification)
//   transition.ts / states.ts  the one state machine and its conditional moves (SQL refund_transition)
//   reconcile.ts               the checks that settle UNKNOWN and PROCESSING refunds; worker.ts runs
//                              them in the background (a program of its own: scripts/worker.ts)
//   notifications.ts           notifyRefund and notifyPayment verified, stored and applied in one
//                              statement (a payment's part: lib/payments/notifications.ts)
// Read-side queries (lists, timeline, CSV) live apart, in lib/refunds/read/.
import { writeAudit, type AuditEntry } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { LOOKUP_LIMIT, lookupKey, takeAttempt } from '../auth/throttle';
import { UserFacingError } from '../errors';
import { lookupIdProblem, lookUpAtAntom, type LookupResult, type ThrottledLookup } from '../payments/lookup';
import { refreshPayment as refreshFromAntom, type RefreshResult } from '../payments/refresh';
import { CHANNELS } from '../payments/states';
import { readRefund, type RefundEngineDeps, type RefundRow } from './engine-deps';
import { initiateRefund, type InitiateOptions, type InitiateRefundInput } from './initiate';
import { reconcileRefund } from './reconcile';
import { resendRefund } from './submit';
import { sendHeld } from './held';

export { createEngineDeps, type RefundEngineDeps, type RefundRow } from './engine-deps';
export { RefundRefused, type RefusalCode, type InitiateRefundInput, type InitiateOptions } from './initiate';
export {
  amountCheck,
  amountProblem,
  refundability,
  type AmountProblemCode,
  type PaymentForRefund,
  type Refundability,
} from './refundability';
export { receivePaymentNotification, receiveRefundNotification, type NotificationResponse } from './notifications';
export { ApprovalRefused, approveRefund, cancelUnsentRefund, expireWaitingRefunds, rejectRefund } from './approval';
export type { RefreshResult } from '../payments/refresh';
export type { AskedAntom, LookupOutcome, LookupResult, ThrottledLookup } from '../payments/lookup';

/** A refund named from a payment's page: both ids, so a refund of another payment is refused. */
export interface RefundRef {
  paymentId: string;
  refundRequestId: string;
}

/**
 * Refunds a payment: the exact amount in minor units (`amountValue`, what the confirmation showed),
 * the amount as typed (`amountText`, major units), or everything still refundable when both are
 * absent. With `expectedRefundable` (what was left when the person saw the amount) it refuses with
 * CHANGED if that moved. Refusals (role, rules, amount, a reused form) throw
 * RefundRefused with words for the person; an answer Antom did not give is UNKNOWN, not an error.
 * `options.approve` is the caller's last word on the amount decided, before it is reserved.
 */
export async function refundPayment(
  deps: RefundEngineDeps,
  actor: Actor,
  input: InitiateRefundInput,
  options: InitiateOptions = {},
): Promise<{ refund: RefundRow; created: boolean }> {
  authorize(actor, 'refund');
  return initiateRefund(deps, input, actor, options);
}

/**
 * Sends a refund reserved with `holdForBatch` (a bulk batch's row, at the batch's rate). False when it
 * was sent before (a worker that died after sending it) or cancelled: it is never sent twice.
 */
export async function sendHeldRefund(deps: RefundEngineDeps, actor: Actor, refundRequestId: string): Promise<boolean> {
  authorize(actor, 'refund');
  return sendHeld(deps, refundRequestId);
}

async function ownRefund(deps: RefundEngineDeps, ref: RefundRef): Promise<RefundRow> {
  const refund = await readRefund(deps.db, ref.refundRequestId);
  if (!refund || refund.paymentId !== ref.paymentId)
    throw new UserFacingError('This refund does not belong to this payment.');
  return refund;
}

/**
 * "Check status now": asks Antom at once instead of waiting for the next scheduled check. False when
 * the refund is already final or another process is checking it right now.
 */
export async function checkRefundStatus(deps: RefundEngineDeps, actor: Actor, ref: RefundRef): Promise<boolean> {
  authorize(actor, 'refund');
  await ownRefund(deps, ref);
  await writeAudit(deps.db, { actorType: 'USER', actorId: actor.id, action: 'refund.check_requested', ...ref });
  return reconcileRefund(deps, ref.refundRequestId, { force: true });
}

/** "Retry with the same request id": only for unknown outcomes; Antom treats it as the same refund. */
export async function retryRefund(deps: RefundEngineDeps, actor: Actor, ref: RefundRef): Promise<void> {
  authorize(actor, 'refund');
  const refund = await ownRefund(deps, ref);
  if (refund.status !== 'UNKNOWN')
    throw new UserFacingError('Only a refund whose outcome is unknown can be sent again.');
  await writeAudit(deps.db, { actorType: 'USER', actorId: actor.id, action: 'refund.retry_requested', ...ref });
  await resendRefund(deps, ref.refundRequestId, 'USER');
}

/** "Refresh from Antom" for an in-store payment we hold (inquiryPayment by its paymentRequestId). */
export async function refreshPayment(
  deps: RefundEngineDeps,
  actor: Actor,
  input: { paymentId: string },
): Promise<RefreshResult> {
  authorize(actor, 'refund');
  const payment = await deps.db.payment.findUnique({
    where: { paymentId: input.paymentId },
    select: { paymentRequestId: true, channel: true },
  });
  if (!payment) throw new UserFacingError('There is no payment with this id.');
  if (payment.channel !== 'IN_STORE') throw new UserFacingError('Only in-store payments can be refreshed from Antom.');
  return refreshFromAntom(deps, payment.paymentRequestId, actor.id);
}

/**
 * Imports an in-store payment we do not hold yet, by the paymentRequestId the terminal printed
 * (the same inquiryPayment as a refresh; a payment we hold is refreshed instead).
 */
export async function importPayment(
  deps: RefundEngineDeps,
  actor: Actor,
  input: { paymentRequestId: string },
): Promise<RefreshResult> {
  authorize(actor, 'refund');
  return refreshFromAntom(deps, input.paymentRequestId, actor.id);
}

/** One audit entry per look-up, whatever it ended in: the id asked, the outcome, and each question to Antom. */
async function auditLookup(
  deps: RefundEngineDeps,
  who: Pick<AuditEntry, 'actorType' | 'actorId' | 'ip'>,
  id: string,
  result: LookupResult | { outcome: ThrottledLookup; asked: [] },
  via?: string,
): Promise<void> {
  const { outcome } = result;
  await writeAudit(deps.db, {
    ...who,
    action: 'payment.lookup',
    paymentId: 'paymentId' in outcome ? outcome.paymentId : null,
    details: {
      id: id.slice(0, 64),
      outcome: outcome.kind,
      ...('status' in outcome ? { status: outcome.status } : {}),
      ...(outcome.kind === 'IMPORTED' ? { channel: outcome.channel, rawStatus: outcome.rawStatus } : {}),
      ...(outcome.kind === 'REFUSED' ? { code: outcome.code } : {}),
      ...(outcome.kind === 'UNAVAILABLE' || outcome.kind === 'CONFLICT' ? { detail: outcome.detail } : {}),
      ...(via ? { via } : {}),
      asked: result.asked.map((a) => ({
        channel: a.channel,
        by: a.by,
        answer: a.answer,
        code: a.code,
        ...(a.detail ? { detail: a.detail } : {}),
      })),
    },
  });
}

/**
 * "Look it up at Antom", for a person whose search found nothing: asks inquiryPayment on each
 * channel the merchant has (ANTOM_CHANNELS) and imports what Antom knows. Limited per person
 * (LOOKUP_LIMIT: each look-up is up to three calls to Antom); every look-up is in the audit log.
 */
export async function lookUpPayment(
  deps: RefundEngineDeps,
  actor: Actor,
  input: { id: string; ip?: string | null },
): Promise<LookupResult | { outcome: ThrottledLookup; asked: [] }> {
  authorize(actor, 'refund');
  const id = input.id.trim();
  const who = { actorType: 'USER' as const, actorId: actor.id, ip: input.ip ?? null };
  // An id that cannot be one is answered without counting against the person's look-ups.
  if (!lookupIdProblem(id)) {
    const attempt = await takeAttempt(deps.db, lookupKey(actor.id), LOOKUP_LIMIT);
    if (!attempt.allowed) {
      const throttled = {
        outcome: {
          kind: 'THROTTLED',
          retryAfterMs: attempt.retryAfterMs,
          limit: LOOKUP_LIMIT.max,
          windowMs: LOOKUP_LIMIT.windowMs,
        },
        asked: [],
      } satisfies { outcome: ThrottledLookup; asked: [] };
      await auditLookup(deps, who, id, throttled);
      return throttled;
    }
  }
  const result = await lookUpAtAntom(deps, id, deps.channels ?? CHANNELS);
  await auditLookup(deps, who, id, result);
  return result;
}

/**
 * The same look-up for the command line's bulk import (`npm run import:payments`): run by whoever
 * operates the server, so it acts as the system (named by `via` in the audit log) and has no
 * per-person limit; it asks one id at a time. An id already held is not asked again (safe to rerun).
 */
export async function importPaymentById(
  deps: RefundEngineDeps,
  input: { id: string; via: string },
): Promise<LookupResult> {
  const id = input.id.trim();
  const result = await lookUpAtAntom(deps, id, deps.channels ?? CHANNELS);
  await auditLookup(deps, { actorType: 'SYSTEM', actorId: null }, id, result, input.via);
  return result;
}
