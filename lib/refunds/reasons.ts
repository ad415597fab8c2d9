// Why a refund is made: the picker's choices, their words, and how a choice and the person's text
// become Antom's refundReason (at most 256 characters). The code is stored with the refund for the
// reason filter and the CSV; the composed text is what Antom and the customer's statement may show.
// Pure: the refund form uses it to count characters, the engine to compose what it sends.
import type { $Enums } from '../generated/prisma/client';

export const REFUND_REASON_CODES = [
  'REQUESTED_BY_CUSTOMER',
  'DUPLICATE',
  'FRAUDULENT',
  'PRODUCT_NOT_RECEIVED',
  'OTHER',
] as const;
export type RefundReasonCode = (typeof REFUND_REASON_CODES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsDatabase: Same<RefundReasonCode, $Enums.RefundReasonCode> = true;
void sameAsDatabase;

export const REFUND_REASON_LABELS: Record<RefundReasonCode, string> = {
  REQUESTED_BY_CUSTOMER: 'Requested by customer',
  DUPLICATE: 'Duplicate',
  FRAUDULENT: 'Fraudulent',
  PRODUCT_NOT_RECEIVED: 'Product not received',
  OTHER: 'Other',
};

/** Antom's refundReason limit (seed 002 / API reference: String, max 256). */
export const REFUND_REASON_MAX = 256;

export function isRefundReasonCode(value: string): value is RefundReasonCode {
  return (REFUND_REASON_CODES as readonly string[]).includes(value);
}

/** How many characters the person may add after the picked label ("Duplicate: " + text ≤ 256). */
export function reasonNoteMax(code: RefundReasonCode): number {
  return code === 'OTHER' ? REFUND_REASON_MAX : REFUND_REASON_MAX - REFUND_REASON_LABELS[code].length - 2;
}

export type ComposedReason = { ok: true; refundReason: string } | { ok: false; error: string };

/**
 * "Duplicate" or "Duplicate: order 1234 charged twice"; "Other" is the person's text alone, which
 * it requires. Refuses (never cuts) a text that would not fit Antom's 256 characters.
 */
export function composeRefundReason(code: RefundReasonCode, note: string | undefined): ComposedReason {
  const text = (note ?? '').trim().replace(/\s+/g, ' ');
  if (code === 'OTHER' && !text) return { ok: false, error: 'Say what the reason is (Other needs a few words).' };
  const max = reasonNoteMax(code);
  if (text.length > max) return { ok: false, error: `The details can be at most ${max} characters with this reason.` };
  return {
    ok: true,
    refundReason:
      code === 'OTHER' ? text : text ? `${REFUND_REASON_LABELS[code]}: ${text}` : REFUND_REASON_LABELS[code],
  };
}
