// The words of bulk refunds: the reason codes a file may use, why a row is refused, and where a row is.
// Pure (no database), so pages, the CSV and tests read the same words.

/**
 * The reason codes a bulk file may give, with the words sent to Antom as the refund's reason (the
 * row's note, when given, follows them). A fixed list, so that reports can count refunds by reason.
 */
export const REASON_CODES = {
  CUSTOMER_REQUEST: 'Customer asked for a refund',
  EVENT_CANCELLED: 'Event cancelled',
  SERVICE_OUTAGE: 'Service outage',
  DUPLICATE_PAYMENT: 'Duplicate payment',
  NOT_DELIVERED: 'Order not delivered',
  GOODWILL: 'Goodwill gesture',
  OTHER: 'Other',
} as const;
export type ReasonCode = keyof typeof REASON_CODES;

export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASON_CODES, code);
}

/** Why the dry run refused a row: one code each, counted on the batch page. */
export const PROBLEM_WORDS = {
  UNKNOWN_PAYMENT: 'Unknown payment',
  DUPLICATE_ROW: 'Duplicate row',
  OVER_REFUNDABLE: 'More than is left to refund',
  FULL_ONLY: 'Method refunds only in full',
  DECIMALS: 'Too many decimals for the currency',
  BAD_REASON: 'Unknown reason code',
  NOT_REFUNDABLE: 'Payment cannot be refunded',
  BAD_ROW: 'Row not readable',
} as const;
export type ProblemCode = keyof typeof PROBLEM_WORDS;

export const VERDICT_WORDS = {
  READY: 'Ready',
  NEEDS_APPROVAL: 'Needs approval',
  REFUSED: 'Refused',
} as const;

export type BatchStatus = 'DRY_RUN' | 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'DONE';

export const BATCH_STATUS_WORDS: Record<BatchStatus, { label: string; hint: string }> = {
  DRY_RUN: { label: 'Dry run', hint: 'Checked; nothing was reserved or sent. Confirm to send it.' },
  RUNNING: { label: 'Sending', hint: 'Rows are being sent at the configured rate.' },
  PAUSED: { label: 'Paused', hint: 'Nothing more is sent until it is resumed; reserved amounts stay held.' },
  CANCELLED: { label: 'Cancelled', hint: 'Rows not yet sent were cancelled and their amounts released.' },
  DONE: { label: 'Done', hint: 'Every row was handed to Antom or settled.' },
};

export const STAGE_WORDS = {
  WAITING: 'Waiting',
  HELD: 'Reserved, not sent yet',
  SENT: 'Sent',
  SKIPPED: 'Not sent',
  CANCELLED: 'Cancelled before sending',
} as const;
