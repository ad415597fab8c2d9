// The one adapter between Antom's result-code catalog (lib/antom/result-codes) and the UI: the
// highlight component only knows ResultCodeView. If the catalog's API changes, this file changes.
import { resolveResultCode, type ResultKind } from '../antom/result-codes';
import type { AntomApi } from '../antom/paths';

/** What the highlight shows: a kind (colour and label) and the further action, in words. */
export type HighlightKind =
  | 'DONE'
  | 'WAIT'
  | 'RETRY_SAME_ID'
  | 'RETRY_LATER'
  | 'NEW_REQUEST'
  | 'FIX_REQUEST'
  | 'NOT_REFUNDABLE'
  | 'REJECTED'
  | 'MERCHANT_CONFIG'
  | 'CONTACT_SUPPORT'
  | 'UNKNOWN';

export interface ResultCodeView {
  code: string;
  kind: HighlightKind;
  /** What the merchant should do next, as the documentation says it. */
  furtherAction: string;
  /** What the code means, when the catalog knows it. */
  meaning?: string;
  /**
   * Antom's own documented words, when the dashboard says it more plainly above (meaning and
   * furtherAction are then ours); shown one click away.
   */
  antomWording?: { message: string; furtherAction: string };
}

const FROM_CATALOG: Record<ResultKind, HighlightKind> = {
  DONE: 'DONE',
  WAIT_FOR_RESULT: 'WAIT',
  RETRY_SAME_ID: 'RETRY_SAME_ID',
  RETRY_LATER: 'RETRY_LATER',
  NEW_REQUEST: 'NEW_REQUEST',
  FIX_REQUEST: 'FIX_REQUEST',
  NOT_REFUNDABLE: 'NOT_REFUNDABLE',
  REJECTED: 'REJECTED',
  MERCHANT_CONFIG: 'MERCHANT_CONFIG',
  CONTACT_SUPPORT: 'CONTACT_SUPPORT',
};

export interface ResultCodeInput {
  code: string | null;
  /** Antom's resultStatus: S, F or U. */
  resultStatus: string | null;
  /** Which API said it, for the wording: refunds of in-store payments use the DPOS_ documents. */
  channel?: 'ONLINE' | 'IN_STORE' | null;
  operation?: 'REFUND' | 'INQUIRY_REFUND' | 'INQUIRY_PAYMENT' | 'NOTIFY';
}

function apiFor({ channel, operation }: ResultCodeInput): AntomApi | undefined {
  const inStore = channel === 'IN_STORE';
  switch (operation) {
    case 'INQUIRY_REFUND':
      return inStore ? 'inquiryRefund.inStore' : 'inquiryRefund.online';
    case 'INQUIRY_PAYMENT':
      return 'inquiryPayment.inStore';
    case 'NOTIFY':
      return 'notifyRefund.online';
    default:
      return channel ? (inStore ? 'refund.inStore' : 'refund.online') : undefined;
  }
}

const CHECKS_CONTINUE =
  'The outcome is unknown, so the amount stays reserved. The dashboard asks Antom again with the same ids until it knows; press "Check status now" to ask at once, or "Retry with the same request id" to send it again (Antom treats it as the same refund, never a second one).';

/** Codes of our own, stored when there was no answer from Antom we could trust (see lib/antom/outcomes.ts). */
const NO_TRUSTED_ANSWER: Record<string, { kind: HighlightKind; meaning: string; furtherAction: string }> = {
  TIMEOUT: {
    kind: 'RETRY_SAME_ID',
    meaning: 'Antom did not answer in time; the refund may or may not have been made.',
    furtherAction: CHECKS_CONTINUE,
  },
  NETWORK: {
    kind: 'RETRY_SAME_ID',
    meaning: 'The connection to Antom failed or was cut; the refund may or may not have been made.',
    furtherAction: CHECKS_CONTINUE,
  },
  HTTP_STATUS: {
    kind: 'RETRY_SAME_ID',
    meaning: 'Antom answered with an HTTP error instead of a result.',
    furtherAction: CHECKS_CONTINUE,
  },
  UNPARSEABLE: { kind: 'RETRY_SAME_ID', meaning: 'Antom’s answer could not be read.', furtherAction: CHECKS_CONTINUE },
  MISMATCH: {
    kind: 'CONTACT_SUPPORT',
    meaning: 'Antom’s answer was about another refund, payment or amount.',
    furtherAction: `${CHECKS_CONTINUE} If it persists, contact Antom with the ids under "Contact Antom with these ids".`,
  },
  SIGNATURE_MISSING: {
    kind: 'MERCHANT_CONFIG',
    meaning: 'Antom’s answer carried no signature, so it was not trusted.',
    furtherAction: `${CHECKS_CONTINUE} If every answer is unsigned, check the gateway URL and Antom’s public key.`,
  },
  SIGNATURE_INVALID: {
    kind: 'MERCHANT_CONFIG',
    meaning: 'Antom’s answer had a signature that does not verify, so it was not trusted.',
    furtherAction: `${CHECKS_CONTINUE} If it persists, check ANTOM_PUBLIC_KEY and the key version.`,
  },
  NEVER_REACHED_ANTOM: {
    kind: 'NEW_REQUEST',
    meaning:
      'The refund never reached Antom: Antom had no record of it at four checks, 15 seconds apart. Nothing was refunded, and the amount can be refunded again.',
    furtherAction: 'If the customer should still get this money, refund it again from the payment page.',
  },
  ENGINE_ERROR: {
    kind: 'RETRY_SAME_ID',
    meaning: 'The refund call failed inside the dashboard.',
    furtherAction: CHECKS_CONTINUE,
  },
};

/**
 * Antom's refusals on a payment method's rules, in the dashboard's words. Their documented text
 * speaks of contracts and APIs ("Check the refundable period in the contract"); a support person
 * needs to know that nothing was refunded, that the amount is free again, and what to do instead.
 */
const NOTHING_REFUNDED = 'Nothing was refunded, and the amount is free again.';
const METHOD_RULE_REFUSALS: Record<string, { meaning: string; furtherAction: string }> = {
  REFUND_WINDOW_EXCEED: {
    meaning: `Antom refused: this payment is older than its payment method's refund period. ${NOTHING_REFUNDED}`,
    furtherAction:
      'Antom will not refund this payment any more. Refund the customer another way (for example by bank transfer) and record it in your own books.',
  },
  PARTIAL_REFUND_NOT_SUPPORTED: {
    meaning: `Antom refused: this payment method refunds only the whole payment. ${NOTHING_REFUNDED}`,
    furtherAction:
      'Refund the whole payment from the payment page (choose "Everything left"), or refund the difference another way.',
  },
  MULTIPLE_REFUNDS_NOT_SUPPORTED: {
    meaning: `Antom refused: this payment method allows only one refund per payment, and this payment has one. ${NOTHING_REFUNDED}`,
    furtherAction: 'Refund the rest to the customer another way (for example by bank transfer).',
  },
  PAYMENT_METHOD_NOT_SUPPORTED: {
    meaning: `Antom refused: payments made with this method cannot be refunded through Antom. ${NOTHING_REFUNDED}`,
    furtherAction: 'Refund the customer another way (for example by bank transfer).',
  },
};

/** Null when there is no code to show (a refund not yet answered). */
export function describeResultCode(input: ResultCodeInput): ResultCodeView | null {
  if (!input.code) return null;
  const ours = !input.resultStatus ? NO_TRUSTED_ANSWER[input.code] : undefined;
  if (ours) return { code: input.code, ...ours };
  const status = input.resultStatus?.trim().toUpperCase();
  if (status !== 'S' && status !== 'F' && status !== 'U') {
    return {
      code: input.code,
      kind: 'UNKNOWN',
      furtherAction: 'Antom gave no result status with this code: check the refund status before acting.',
    };
  }
  const info = resolveResultCode(input.code, status, apiFor(input));
  const plain = status === 'F' && info.known && info.canonical ? METHOD_RULE_REFUSALS[info.canonical] : undefined;
  if (plain) {
    return {
      code: input.code,
      kind: FROM_CATALOG[info.kind],
      ...plain,
      antomWording: { message: info.message, furtherAction: info.furtherAction },
    };
  }
  const kind = info.known ? FROM_CATALOG[info.kind] : 'UNKNOWN';
  return {
    code: input.code,
    kind,
    // Every code in the dashboard's words, by what it asks of the person; Antom's one click away.
    furtherAction: KIND_WORDS[kind],
    ...(info.known ? { meaning: info.message } : {}),
    antomWording: { message: info.message, furtherAction: info.furtherAction },
  };
}

/**
 * What each kind of code asks of the person, naming the buttons of the payment page that do it.
 * Antom's documented further action (which speaks of APIs and "Technical Support") is kept as
 * antomWording.
 */
const KIND_WORDS: Record<HighlightKind, string> = {
  DONE: 'Nothing to do.',
  WAIT: 'Antom accepted the refund and will report the result; the page updates by itself. Press "Check status now" to ask Antom at once.',
  RETRY_SAME_ID:
    'The outcome is not known yet and the amount stays reserved. Press "Check status now", or "Retry with the same request id" (Antom treats it as the same refund).',
  RETRY_LATER: 'Antom was busy and refunded nothing. Wait a few minutes, then press "Refund again".',
  NEW_REQUEST:
    'Nothing was refunded with this request. If the customer should still get the money, press "Refund again".',
  FIX_REQUEST:
    'Antom did not accept the refund as sent and refunded nothing. Check the amount, then press "Refund again"; if it fails the same way, contact Antom with these ids.',
  NOT_REFUNDABLE:
    'Antom will not refund this payment this way and refunded nothing. Refund the customer another way (for example by bank transfer); to learn why, contact Antom with these ids.',
  REJECTED:
    "Antom's risk control refused the refund; nothing was refunded. Contact Antom with these ids before trying again.",
  MERCHANT_CONFIG:
    "Antom refused because of the merchant's Antom account or keys; nothing was refunded. An admin should check the Antom settings; contact Antom with these ids.",
  CONTACT_SUPPORT: 'Only Antom can say more: contact Antom with these ids.',
  UNKNOWN:
    'This code is not in the dashboard\'s list: press "Check status now", and contact Antom with these ids if it stays unclear.',
};

/** The buttons a refund's next step can point at, as the payment page labels them. */
export type RefundNextAction = 'CHECK_STATUS' | 'RETRY_SAME_ID' | 'REFUND_AGAIN' | 'CONTACT_ANTOM';

export const NEXT_ACTION_LABELS: Record<RefundNextAction, string> = {
  CHECK_STATUS: 'Check status now',
  RETRY_SAME_ID: 'Retry with the same request id',
  REFUND_AGAIN: 'Refund again',
  CONTACT_ANTOM: 'Contact Antom with these ids',
};

const KIND_ACTIONS: Record<HighlightKind, RefundNextAction[]> = {
  DONE: [],
  WAIT: ['CHECK_STATUS'],
  RETRY_SAME_ID: ['CHECK_STATUS', 'RETRY_SAME_ID'],
  RETRY_LATER: ['REFUND_AGAIN'],
  NEW_REQUEST: ['REFUND_AGAIN'],
  FIX_REQUEST: ['REFUND_AGAIN', 'CONTACT_ANTOM'],
  NOT_REFUNDABLE: ['CONTACT_ANTOM'],
  REJECTED: ['CONTACT_ANTOM'],
  MERCHANT_CONFIG: ['CONTACT_ANTOM'],
  CONTACT_SUPPORT: ['CONTACT_ANTOM'],
  UNKNOWN: ['CHECK_STATUS', 'CONTACT_ANTOM'],
};

/**
 * What the person should do about one refund, from its state first (the state is the truth; the
 * code is Antom's last word) and then its result code, with the buttons that do it. Only buttons the
 * state allows: "Retry with the same request id" for an unknown outcome, "Check status now" for one
 * not final, "Refund again" for a failed one.
 */
export function refundNextStep(
  status: string,
  view: ResultCodeView | null,
): { text: string; actions: RefundNextAction[] } {
  const open = status === 'CREATED' || status === 'PROCESSING' || status === 'UNKNOWN';
  const allowed = (a: RefundNextAction) =>
    a === 'CONTACT_ANTOM' ||
    (a === 'CHECK_STATUS' && open) ||
    (a === 'RETRY_SAME_ID' && status === 'UNKNOWN') ||
    (a === 'REFUND_AGAIN' && status === 'FAILED');
  switch (status) {
    case 'SUCCESS':
      return {
        text: 'Nothing to do: Antom confirmed it, and the money is on its way back to the customer.',
        actions: [],
      };
    case 'CREATED':
      return {
        text: 'Being sent to Antom. If it still says Created in a minute, press "Check status now".',
        actions: ['CHECK_STATUS'],
      };
    case 'PROCESSING':
      return { text: KIND_WORDS.WAIT, actions: ['CHECK_STATUS'] };
    case 'UNKNOWN': {
      // The outcome is not known, whatever an inquiry's code said: the safe moves are to ask again
      // or resend with the same id. Our own codes (timeouts, unverified answers) say more.
      const own = view && !view.antomWording ? NO_TRUSTED_ANSWER[view.code] : undefined;
      const worrying = view && ['FIX_REQUEST', 'NOT_REFUNDABLE', 'REJECTED', 'MERCHANT_CONFIG', 'CONTACT_SUPPORT'];
      const text =
        own && own.kind !== 'NEW_REQUEST'
          ? own.furtherAction
          : `${KIND_WORDS.RETRY_SAME_ID}${view && worrying?.includes(view.kind) ? ' If it stays unknown, contact Antom with these ids.' : ''}`;
      const actions: RefundNextAction[] = ['CHECK_STATUS', 'RETRY_SAME_ID'];
      if (/contact Antom with these ids/i.test(text)) actions.push('CONTACT_ANTOM');
      return { text, actions };
    }
    case 'FAILED': {
      if (
        !view ||
        view.kind === 'DONE' ||
        view.kind === 'WAIT' ||
        view.kind === 'RETRY_SAME_ID' ||
        view.kind === 'UNKNOWN'
      )
        return {
          text: 'Nothing was refunded and the amount is free again. Press "Refund again" to send a new refund; to learn why it failed, contact Antom with these ids.',
          actions: ['REFUND_AGAIN', 'CONTACT_ANTOM'],
        };
      // A failed refund is money not moved: say so first where the code's words do not.
      const said = /nothing was refunded|refunded nothing/i.test(view.furtherAction);
      return {
        text: said ? view.furtherAction : `Nothing was refunded. ${view.furtherAction}`,
        actions: KIND_ACTIONS[view.kind].filter(allowed),
      };
    }
    case 'PENDING_APPROVAL':
      return {
        text: 'Waiting for approval: someone other than the requester approves or rejects it on the "Waiting for approval" page. Nothing has been sent to Antom; the amount stays reserved.',
        actions: [],
      };
    case 'CANCELLED':
      return {
        text: 'Nothing was sent to Antom and the amount is free again. Press "Refund again" to ask for a new refund.',
        actions: ['REFUND_AGAIN'],
      };
    default:
      return { text: KIND_WORDS.UNKNOWN, actions: ['CONTACT_ANTOM'] };
  }
}

/**
 * A call's outcome as the timeline badges it. A refund call answered REFUND_IN_PROCESS is recorded
 * UNKNOWN (the docs' U), but Antom took the refund: it reads "Accepted, in process", not unknown.
 */
export function callOutcomeLabel(call: {
  outcome: 'SUCCESS' | 'FAILURE' | 'UNKNOWN';
  resultCode: string | null;
  resultStatus: string | null;
}): { label: string; tone: 'green' | 'red' | 'amber' | 'blue' } {
  if (call.outcome === 'SUCCESS') return { label: 'Success', tone: 'green' };
  if (call.outcome === 'FAILURE') return { label: 'Failure', tone: 'red' };
  const inProcess =
    call.resultCode !== null &&
    call.resultStatus !== 'F' &&
    resolveResultCode(call.resultCode, 'U').canonical === 'REFUND_IN_PROCESS';
  return inProcess ? { label: 'Accepted, in process', tone: 'blue' } : { label: 'Unknown outcome', tone: 'amber' };
}

export const HIGHLIGHT_LABELS: Record<HighlightKind, string> = {
  DONE: 'Done',
  WAIT: 'Wait for result',
  RETRY_SAME_ID: 'Retry with same id',
  RETRY_LATER: 'Retry later',
  NEW_REQUEST: 'New request needed',
  FIX_REQUEST: 'Fix the request',
  NOT_REFUNDABLE: 'Not refundable',
  REJECTED: 'Rejected by risk control',
  MERCHANT_CONFIG: 'Merchant configuration',
  CONTACT_SUPPORT: 'Contact Antom support',
  UNKNOWN: 'Unrecognised code',
};
