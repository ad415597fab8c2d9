// A payment's states and channels, with the words every screen, filter and CSV uses for them: the
// one TypeScript definition (the database's are Prisma's enums "PaymentStatus" and "Channel"; the
// checks below fail the type check when they differ). Colours belong to components/status-badge.tsx.
import type { $Enums } from '../generated/prisma/client';

export const PAYMENT_STATUSES = ['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const CHANNELS = ['ONLINE', 'IN_STORE'] as const;
export type Channel = (typeof CHANNELS)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDatabase: [Same<PaymentStatus, $Enums.PaymentStatus>, Same<Channel, $Enums.Channel>] = [true, true];
void sameAsDatabase;

/** A payment in one of these is done: no notification moves it out (a contradicting one is flagged). */
export const FINAL_PAYMENT_STATUSES: readonly PaymentStatus[] = ['SUCCESS', 'FAIL', 'CANCELLED'];
/** Still moving: a page showing such a payment refreshes itself until it is final. */
export const OPEN_PAYMENT_STATUSES: readonly PaymentStatus[] = ['PENDING', 'PROCESSING'];

/**
 * Where Antom's word may move a payment we hold: only forward. PENDING (the buyer has paid, Antom's
 * PAYMENT_PENDING) then PROCESSING then a final result; a state arriving after a later one is out of
 * order and changes nothing (PENDING after SUCCESS never downgrades).
 */
const PAYMENT_NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: ['PROCESSING', 'SUCCESS', 'FAIL', 'CANCELLED'],
  PROCESSING: ['SUCCESS', 'FAIL', 'CANCELLED'],
  SUCCESS: [],
  FAIL: [],
  CANCELLED: [],
};

export function isFinalPayment(status: PaymentStatus): boolean {
  return FINAL_PAYMENT_STATUSES.includes(status);
}

/** The states a payment may be in for Antom's word to move it to `to`. */
export function paymentStatesLeadingTo(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((from) => PAYMENT_NEXT[from].includes(to));
}

export const PAYMENT_STATUS_WORDS: Record<PaymentStatus, { label: string; hint: string }> = {
  SUCCESS: { label: 'Succeeded', hint: 'The payment was completed.' },
  FAIL: { label: 'Failed', hint: 'The payment did not go through.' },
  PROCESSING: { label: 'Processing', hint: 'The payment is still being processed.' },
  PENDING: { label: 'Pending', hint: 'Waiting for the customer or the payment method.' },
  CANCELLED: { label: 'Cancelled', hint: 'The payment was cancelled.' },
};

/**
 * What a successful payment has become through its refunds. Derived, never stored: from
 * refunded_value (the SUCCESS refunds, kept by trigger refunds_hold_amounts under the payment's row
 * lock), so it is as current as that total. A refund still under way refunds nothing yet.
 */
export const PAYMENT_REFUND_STATES = ['PARTIALLY_REFUNDED', 'REFUNDED'] as const;
export type PaymentRefundState = (typeof PAYMENT_REFUND_STATES)[number];

/** A payment's status as people see it: Antom's, or how much of a successful payment was refunded. */
export type PaymentDisplayStatus = PaymentStatus | PaymentRefundState;

/** In the order the status filter lists them: the refunded states next to Succeeded. */
export const PAYMENT_DISPLAY_STATUSES: readonly PaymentDisplayStatus[] = [
  'SUCCESS',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'PROCESSING',
  'PENDING',
  'FAIL',
  'CANCELLED',
];

/**
 * The one derivation of a payment's shown status (lists, filter, badge, CSV). The SQL filter in
 * lib/payments/queries.ts (displayStatusSql) says the same; tests/integration/payments compare them.
 */
export function paymentDisplayStatus(p: {
  status: PaymentStatus;
  amountValue: number;
  refundedValue: number;
}): PaymentDisplayStatus {
  if (p.status !== 'SUCCESS' || p.refundedValue <= 0) return p.status;
  return p.refundedValue >= p.amountValue ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

export const PAYMENT_DISPLAY_STATUS_WORDS: Record<PaymentDisplayStatus, { label: string; hint: string }> = {
  ...PAYMENT_STATUS_WORDS,
  SUCCESS: { label: 'Succeeded', hint: 'The payment was completed; nothing of it has been refunded.' },
  PARTIALLY_REFUNDED: {
    label: 'Partially refunded',
    hint: 'The payment was completed and part of it has been refunded.',
  },
  REFUNDED: { label: 'Refunded', hint: 'The payment was completed and all of it has been refunded.' },
};

export const CHANNEL_LABELS: Record<Channel, string> = { ONLINE: 'Online', IN_STORE: 'In-store' };
