// The words a person reads about a look-up at Antom, on the transactions page and in the command
// line's table: one place, so both say the same thing. Pure: no database, no session.
import type { LookupOutcome, ThrottledLookup } from './lookup';
import { CHANNEL_LABELS, PAYMENT_STATUS_WORDS, type PaymentStatus } from './states';

export type LookupTone = 'success' | 'info' | 'warning' | 'error';

export interface LookupWords {
  /** One short line: the table's "result" column and the panel's heading. */
  title: string;
  /** What happened and what to do next. */
  text: string;
  tone: LookupTone;
}

/** What a payment's status means for refunding it, as Antom's inquiryPayment reports it. */
export const STATUS_MEANING: Record<PaymentStatus, string> = {
  SUCCESS: 'the buyer paid, so it can be refunded',
  FAIL: 'the payment did not go through: nothing was paid, so there is nothing to refund',
  CANCELLED: 'the payment was cancelled before it completed: nothing was paid, so there is nothing to refund',
  PROCESSING:
    'Antom is still processing it: it can be refunded once it succeeds (Antom notifies the result, or refresh it later)',
  PENDING:
    'the buyer has completed it and Antom waits for the final result from the payment method: it can be refunded once it succeeds',
};

/** Everything one look-up can end in, as words. `gateway` names the Antom this dashboard asks. */
export function lookupWords(id: string, outcome: LookupOutcome | ThrottledLookup, gateway?: string): LookupWords {
  switch (outcome.kind) {
    case 'HELD':
      return {
        title: 'Already in the dashboard',
        text: `${id} is payment ${outcome.paymentId} (${PAYMENT_STATUS_WORDS[outcome.status].label}); nothing was asked of Antom.`,
        tone: 'info',
      };
    case 'IMPORTED':
      return outcome.status === 'SUCCESS'
        ? {
            title: 'Imported from Antom',
            text: `Antom knows this ${CHANNEL_LABELS[outcome.channel].toLowerCase()} payment and reports it as succeeded: it is now in the dashboard and can be refunded.`,
            tone: 'success',
          }
        : {
            title: `Found at Antom, but not refundable: ${PAYMENT_STATUS_WORDS[outcome.status].label.toLowerCase()}`,
            text: `Antom reports this ${CHANNEL_LABELS[outcome.channel].toLowerCase()} payment as ${outcome.rawStatus}: ${STATUS_MEANING[outcome.status]}. It was imported so that it can be followed here.`,
            tone: 'warning',
          };
    case 'NOT_FOUND':
      return {
        title: 'Not found at Antom',
        text: `Antom has no payment with this id for this merchant. It may be a payment of another merchant (another client id) or of another region's Antom${gateway ? ` (this dashboard asks ${gateway})` : ''}; a refund's id cannot be looked up. Ids are case-sensitive: check for a missing or extra character. Nothing was changed.`,
        tone: 'warning',
      };
    case 'UNAVAILABLE':
      return {
        title: 'Antom could not be asked',
        text: `Antom did not answer, or its answer could not be verified as Antom's (${outcome.detail}). Nothing was changed. Try again in a minute.`,
        tone: 'error',
      };
    case 'REFUSED':
      return {
        title: 'Antom refused the look-up',
        text: `Antom answered ${outcome.code ?? 'without a code'}: ${outcome.furtherAction} Nothing was changed.`,
        tone: 'error',
      };
    case 'CONFLICT':
      return {
        title: 'Antom disagrees with the dashboard',
        text: `${outcome.detail}. Nothing was changed: contact Antom support before refunding payment ${outcome.paymentId}.`,
        tone: 'error',
      };
    case 'INVALID':
      return { title: 'Not a payment id', text: `This cannot be an Antom id: ${outcome.problem}.`, tone: 'warning' };
    case 'THROTTLED': {
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000));
      const minutes = Math.max(1, Math.round(outcome.windowMs / 60_000));
      return {
        title: 'Too many look-ups',
        text: `Each person can look up ${outcome.limit} ids at Antom per ${minutes === 1 ? 'minute' : `${minutes} minutes`}. Try again in ${seconds} second${seconds === 1 ? '' : 's'}; nothing was asked.`,
        tone: 'warning',
      };
    }
  }
}
