// The refund state machine, in one place. SUCCESS, FAILED and CANCELLED are final: nothing moves a
// refund out of them (the database refuses it too: trigger refunds_guard). Every state but FAILED and
// CANCELLED holds its amount against the payment (trigger refunds_hold_amounts).
//
//   PENDING_APPROVAL ──(approved)──► CREATED ──► PROCESSING ──► SUCCESS
//      │                               │  ╲          ▲  ╲
//      └──(rejected, expired)──►       │   ╲         │   ╲──► FAILED
//                       CANCELLED ◄────┤    ╲──► UNKNOWN ───► SUCCESS / FAILED
//          (batch cancelled, never sent)└──► SUCCESS / FAILED
//
// PENDING_APPROVAL (issue 16): an approval rule held the refund for a second person; reserved, never
// sent in this state (CHECK refunds_approval_before_send). CANCELLED: never sent to Antom; the database
// refuses it for a refund that was (CHECK refunds_cancelled_never_sent). Both moves are made by SQL
// refund_approve and refund_cancel_unsent (lib/approvals/), not refund_transition.
//
// This is the one TypeScript definition of a refund's state (the database's is Prisma's enum
// "RefundStatus"; the check below fails the type check when the two differ), with the words every
// screen, CSV and message uses for it. Colours belong to components/status-badge.tsx.
import type { $Enums } from '../generated/prisma/client';

export const REFUND_STATUSES = [
  'PENDING_APPROVAL',
  'CREATED',
  'PROCESSING',
  'UNKNOWN',
  'SUCCESS',
  'FAILED',
  'CANCELLED',
] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDatabase: Same<RefundStatus, $Enums.RefundStatus> = true;
void sameAsDatabase;

export const FINAL_STATUSES: readonly RefundStatus[] = ['SUCCESS', 'FAILED', 'CANCELLED'];
/** Not final. PENDING_APPROVAL among them: it waits for a person, not for Antom (see IN_FLIGHT_STATUSES). */
export const OPEN_STATUSES: readonly RefundStatus[] = ['PENDING_APPROVAL', 'CREATED', 'PROCESSING', 'UNKNOWN'];
/** Sent, or about to be: Antom's answer is awaited, and the reconciler checks on them. */
export const IN_FLIGHT_STATUSES: readonly RefundStatus[] = ['CREATED', 'PROCESSING', 'UNKNOWN'];
/** The states that do not hold their amount against the payment (refunds_hold_amounts). */
export const RELEASED_STATUSES: readonly RefundStatus[] = ['FAILED', 'CANCELLED'];

/** Whether a refund in this state counts against what its payment can still refund. */
export function holdsAmount(status: RefundStatus): boolean {
  return !RELEASED_STATUSES.includes(status);
}

const NEXT: Record<RefundStatus, readonly RefundStatus[]> = {
  PENDING_APPROVAL: ['CREATED', 'CANCELLED'],
  // CANCELLED only while never sent (submit_attempts = 0): the database refuses it otherwise.
  CREATED: ['PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED', 'CANCELLED'],
  UNKNOWN: ['PROCESSING', 'SUCCESS', 'FAILED'],
  // A PROCESSING refund never becomes UNKNOWN: an inquiry that times out tells us nothing new.
  PROCESSING: ['SUCCESS', 'FAILED'],
  SUCCESS: [],
  FAILED: [],
  CANCELLED: [],
};

export function isFinal(status: RefundStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

export function canTransition(from: RefundStatus, to: RefundStatus): boolean {
  return NEXT[from].includes(to);
}

/** The states a refund may be in for a move to `to` to be allowed. */
export function statesLeadingTo(to: RefundStatus): RefundStatus[] {
  return (Object.keys(NEXT) as RefundStatus[]).filter((from) => NEXT[from].includes(to));
}

/** Why a transition happened, for the audit log and the refund timeline. */
export type TransitionCause = 'USER' | 'ANTOM_RESPONSE' | 'NOTIFICATION' | 'RECONCILER' | 'SYSTEM';

/**
 * How each state reads to a person: `label` in badges, filters and the CSV, `hint` on hover,
 * `headline` and `next` in the message after a refund is asked for.
 */
export const REFUND_STATUS_WORDS: Record<
  RefundStatus,
  { label: string; hint: string; headline: string; next: string }
> = {
  PENDING_APPROVAL: {
    label: 'Waiting for approval',
    hint: 'Reserved here; a second person must approve it before it is sent to Antom.',
    headline: 'reserved, waiting for approval',
    next: 'Nothing is sent to Antom until an approver approves it; the amount stays reserved meanwhile.',
  },
  CREATED: {
    label: 'Created',
    hint: 'Recorded here; not yet answered by Antom.',
    headline: 'reserved, being sent to Antom',
    next: 'It is sent within seconds; if that fails it is sent by the background checks.',
  },
  PROCESSING: {
    label: 'Processing',
    hint: 'Antom accepted the refund and will confirm it later.',
    headline: 'accepted by Antom, in progress',
    next: 'Antom will report the final result; this page updates by itself.',
  },
  UNKNOWN: {
    label: 'Unknown',
    hint: 'We could not learn the outcome yet; it is being checked.',
    headline: 'outcome not known yet',
    next: 'The amount stays reserved while we ask Antom again with the same ids.',
  },
  SUCCESS: {
    label: 'Refunded',
    hint: 'Antom confirmed the refund.',
    headline: 'refunded',
    next: 'The money is on its way back to the customer.',
  },
  FAILED: {
    label: 'Failed',
    hint: 'Antom refused the refund; nothing was refunded.',
    headline: 'failed',
    next: 'Nothing was refunded and the amount is available again.',
  },
  CANCELLED: {
    label: 'Cancelled',
    hint: 'Never sent to Antom (rejected, not approved in time, or cancelled); nothing was refunded.',
    headline: 'cancelled',
    next: 'Nothing was refunded and the amount is available again.',
  },
};

export function isRefundStatus(value: string): value is RefundStatus {
  return (REFUND_STATUSES as readonly string[]).includes(value);
}
