// The refund state machine, in one place. SUCCESS and FAILED are final: nothing moves a refund out
// of them (the database refuses it too: trigger refunds_guard). Every state but FAILED holds its
// amount against the payment.
//
//   CREATED ──► PROCESSING ──► SUCCESS
//      │  ╲          ▲  ╲
//      │   ╲         │   ╲──► FAILED
//      │    ╲──► UNKNOWN ───► SUCCESS / FAILED
//      └──► SUCCESS / FAILED
export type RefundStatus = 'CREATED' | 'PROCESSING' | 'UNKNOWN' | 'SUCCESS' | 'FAILED';

export const FINAL_STATUSES: readonly RefundStatus[] = ['SUCCESS', 'FAILED'];
export const OPEN_STATUSES: readonly RefundStatus[] = ['CREATED', 'PROCESSING', 'UNKNOWN'];

const NEXT: Record<RefundStatus, readonly RefundStatus[]> = {
  CREATED: ['PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED'],
  UNKNOWN: ['PROCESSING', 'SUCCESS', 'FAILED'],
  // A PROCESSING refund never becomes UNKNOWN: an inquiry that times out tells us nothing new.
  PROCESSING: ['SUCCESS', 'FAILED'],
  SUCCESS: [],
  FAILED: [],
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
