// The banner after a refund is asked for (refund-area.tsx shows it): its words and colour, made on
// the server for each refund of the page, so the browser gets neither the words of every state nor
// lib/money's formatters, nor the banner's looks.
import { formatMoney } from '@/lib/money';
import { REFUND_STATUS_WORDS, type RefundStatus } from '@/lib/refunds/states';

// The outcome's colour says how it stands: refunded, still moving, unknown, or failed.
const TONES: Record<RefundStatus, string> = {
  SUCCESS: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  PROCESSING: 'border-blue-200 bg-blue-50 text-blue-900',
  CREATED: 'border-blue-200 bg-blue-50 text-blue-900',
  UNKNOWN: 'border-amber-300 bg-amber-50 text-amber-950',
  FAILED: 'border-red-200 bg-red-50 text-red-900',
  PENDING_APPROVAL: 'border-violet-300 bg-violet-50 text-violet-950',
  CANCELLED: 'border-slate-300 bg-slate-50 text-slate-800',
};

/** A refund as the banner shows it: its state, the banner's classes (with its colour), and what it says. */
export interface RefundBanner {
  status: RefundStatus;
  looks: string;
  text: string;
  /** Where to look next, under the text. */
  then: string;
}

/** "Refund US$5.00 — refunded. The money is on its way back to the customer." */
export function refundBanner(
  status: RefundStatus,
  amountValue: number,
  currency: string,
  lead = 'Refund',
): RefundBanner {
  const words = REFUND_STATUS_WORDS[status];
  return {
    status,
    looks: `rounded-lg border p-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${TONES[status]}`,
    then: 'It is listed under Refunds with what to do next.',
    text: `${lead} ${formatMoney({ value: amountValue, currency })} — ${words.headline}. ${words.next}`,
  };
}
