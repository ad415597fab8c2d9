// Whether a payment can be refunded now, how much, and if not, why — in words a person can act on.
// Pure: the engine calls it inside the transaction that holds the payment's row lock, and the
// refund form calls it to explain itself before anyone clicks.
import { formatMoney } from '../money';
import { methodRules, ruleSource, type MethodRuleName, type MethodRules } from '../payments/methods';
import { holdsAmount, isFinal, type RefundStatus } from './states';

export interface PaymentForRefund {
  paymentId: string;
  channel: 'ONLINE' | 'IN_STORE';
  amountValue: number;
  currency: string;
  method: string;
  status: string;
  paidAt: Date | null;
  createdAt: Date;
  /** Sum of refunds that hold their amount: not FAILED or CANCELLED (kept by the database). */
  refundHeldValue: number;
}

export interface Refundability {
  /** Amount that may still be refunded, in minor units: paid minus every refund not FAILED or CANCELLED. */
  refundable: number;
  /** Null when a refund is possible now; otherwise the reason, for the person. */
  blockedReason: string | null;
  /** The method refunds only in full (a documented rule). */
  fullOnly: boolean;
  /**
   * Rules we believe apply but cannot source from Antom's documentation (lib/payments/methods.ts):
   * the form shows them, the refund is still sent, and Antom decides.
   */
  warnings: string[];
}

const DAY_MS = 24 * 3600 * 1000;

export function refundability(
  payment: PaymentForRefund,
  refundStatuses: readonly RefundStatus[],
  now = new Date(),
): Refundability {
  const refundable = Math.max(0, payment.amountValue - payment.refundHeldValue);
  const rules = methodRules(payment.method);
  // Open: not final (waiting for approval counts: once approved it is sent at once).
  const open = refundStatuses.filter((s) => !isFinal(s)).length;
  // Live: holds its amount (not FAILED, not CANCELLED: those never refunded anything).
  const live = refundStatuses.filter(holdsAmount).length;
  const warnings: string[] = [];
  const fullOnly = !rules.partialRefunds && documented(rules, 'partialRefunds');
  const blocked = (reason: string) => ({ refundable, blockedReason: reason, fullOnly, warnings });
  // A method rule that applies: refused here when Antom documents it, otherwise a warning.
  const warn = (belief: string) =>
    warnings.push(`${belief} Antom's documentation does not confirm it, so the refund is sent and Antom decides.`);
  const methodRule = (rule: MethodRuleName, reason: string, belief: string) => {
    if (documented(rules, rule)) return blocked(reason);
    warn(belief);
    return null;
  };

  if (payment.status !== 'SUCCESS')
    return blocked(`Only successful payments can be refunded; this one is ${payment.status.toLowerCase()}.`);
  if (!rules.refundable) {
    const refused = methodRule(
      'refundable',
      `${rules.label} payments cannot be refunded through Antom.`,
      `${rules.label} payments may not be refundable through Antom.`,
    );
    if (refused) return refused;
  }
  if (rules.refundWindowDays !== null) {
    const paid = payment.paidAt ?? payment.createdAt;
    if (now.getTime() - paid.getTime() > rules.refundWindowDays * DAY_MS) {
      const refused = methodRule(
        'refundWindowDays',
        `${rules.label} accepts refunds for ${rules.refundWindowDays} days after payment; this payment is older.`,
        `${rules.label} may accept refunds only for ${rules.refundWindowDays} days after payment, and this payment is older.`,
      );
      if (refused) return refused;
    }
  }
  if (refundable === 0) return blocked('Nothing left to refund: earlier refunds cover the whole payment.');
  if (rules.singleRefund && live > 0) {
    const refused = methodRule(
      'singleRefund',
      `${rules.label} allows only one refund per payment, and this payment has one.`,
      `${rules.label} may allow only one refund per payment, and this payment has one.`,
    );
    if (refused) return refused;
  }
  // A documented full-only method with no refund yet is refundable, in full (fullOnly); unsourced, it warns.
  if (!rules.partialRefunds && live > 0) {
    const refused = methodRule(
      'partialRefunds',
      `${rules.label} allows only a full refund, and this payment already has a refund.`,
      `${rules.label} may refund only in full, and this payment already has a refund.`,
    );
    if (refused) return refused;
  } else if (!rules.partialRefunds && !fullOnly) {
    warn(`${rules.label} may refund only in full.`);
  }
  // Seed 001: "Each paymentId only allows one refund request to be processed at the same time."
  if (payment.channel === 'IN_STORE' && open > 0) {
    return blocked(
      'An in-store payment can have one refund in progress at a time; wait until the current one is final.',
    );
  }
  return { refundable, blockedReason: null, fullOnly, warnings };
}

function documented(rules: MethodRules, rule: MethodRuleName): boolean {
  return ruleSource(rules, rule) !== null;
}

/** Why a requested amount cannot be refunded: a code for counting (bulk dry runs) and words for the person. */
export type AmountProblemCode = 'NOT_POSITIVE' | 'OVER_REFUNDABLE' | 'FULL_ONLY';

export function amountCheck(
  requested: number,
  state: Refundability,
  currency: string,
): { code: AmountProblemCode; message: string } | null {
  if (!Number.isSafeInteger(requested) || requested <= 0)
    return { code: 'NOT_POSITIVE', message: 'Enter an amount greater than zero.' };
  if (requested > state.refundable) {
    return {
      code: 'OVER_REFUNDABLE',
      message: `The amount is more than can be refunded: at most ${formatMoney({ value: state.refundable, currency })}.`,
    };
  }
  if (state.fullOnly && requested !== state.refundable) {
    return {
      code: 'FULL_ONLY',
      message: `This payment method refunds only in full: ${formatMoney({ value: state.refundable, currency })}.`,
    };
  }
  return null;
}

/** Checks one requested amount against what is refundable; null when it is fine. */
export function amountProblem(requested: number, state: Refundability, currency: string): string | null {
  return amountCheck(requested, state, currency)?.message ?? null;
}
