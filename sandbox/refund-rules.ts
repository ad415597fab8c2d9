// How the sandbox decides a refund request, in the order Antom's documents suggest: the request
// id first (idempotency), then the payment, its method's rules, and the money. Pure: it reads the
// ledger and returns a decision; the caller applies it without awaiting in between, so two copies
// of one request can never both be applied.
import { methodRules } from '../lib/payments/methods';
import type { Ledger, SandboxChannel, SandboxRefund } from './ledger';

export interface RefundAsk {
  channel: SandboxChannel;
  refundRequestId: string;
  paymentId: string;
  /** Null: an in-store request without refundAmount, i.e. a full refund. */
  amount: { value: number; currency: string } | null;
}

export type RefundDecision =
  | { kind: 'replay'; refund: SandboxRefund }
  | { kind: 'inconsistent' }
  | { kind: 'reject'; code: string; amountValue: number; currency: string }
  | { kind: 'accept'; amountValue: number; currency: string; synchronous: boolean };

const DAY_MS = 24 * 3600 * 1000;

function sameRequest(existing: SandboxRefund, ask: RefundAsk): boolean {
  if (existing.paymentId !== ask.paymentId) return false;
  if (ask.amount === null) return existing.requestedValue === null;
  return (
    existing.requestedValue !== null &&
    ask.amount.value === existing.amountValue &&
    ask.amount.currency === existing.currency
  );
}

export function decideRefund(ledger: Ledger, ask: RefundAsk, now: Date): RefundDecision {
  const existing = ledger.refunds.get(ask.refundRequestId);
  // Same id and same request: the same answer, never a second refund. Same id, other money: refused.
  if (existing) return sameRequest(existing, ask) ? { kind: 'replay', refund: existing } : { kind: 'inconsistent' };

  const payment = ledger.payments.get(ask.paymentId);
  const asked = ask.amount ?? { value: 0, currency: payment?.currency ?? 'XXX' };
  const reject = (code: string) => ({
    kind: 'reject' as const,
    code,
    amountValue: asked.value,
    currency: asked.currency,
  });
  // An online refund cannot name an in-store payment (nor the reverse): they live in different systems.
  if (!payment || payment.channel !== ask.channel) return reject('ORDER_NOT_EXIST');
  if (payment.status === 'CANCELLED') return reject('ORDER_IS_CANCELED');
  if (payment.status !== 'SUCCESS') return reject('ORDER_STATUS_INVALID');

  const rules = methodRules(payment.method);
  if (!rules.refundable) return reject('PAYMENT_METHOD_NOT_SUPPORTED');
  const paidAt = Date.parse(payment.paidAt ?? payment.createdAt);
  if (rules.refundWindowDays !== null && now.getTime() > paidAt + rules.refundWindowDays * DAY_MS)
    return reject('REFUND_WINDOW_EXCEED');
  if (ask.amount && ask.amount.currency !== payment.currency) return reject('CURRENCY_NOT_SUPPORT');

  const accepted = ledger.acceptedRefundsOf(payment.paymentId);
  // Seed 001: "Each paymentId only allows one refund request to be processed at the same time." The
  // seeds name no code for a second one; ORDER_STATUS_INVALID's action ("wait if the transaction
  // is under process") is the closest documented answer.
  if (ask.channel === 'IN_STORE' && accepted.some((r) => r.status === 'PROCESSING'))
    return reject('ORDER_STATUS_INVALID');
  if (rules.singleRefund && accepted.some((r) => r.status !== 'FAILED'))
    return reject('MULTIPLE_REFUNDS_NOT_SUPPORTED');

  const held = ledger.heldValue(payment.paymentId);
  // Without an amount (in-store), "full refund" takes what is left of the payment.
  const value = ask.amount ? ask.amount.value : payment.amountValue - held;
  // Seed 001 (v2, in store): refundAmount "should only be passed for a partial refund; if not passed,
  // the transaction is treated as a full refund". A strict Antom reads any amount there as a partial
  // refund, even one equal to the payment: a full-only method must be refunded without one.
  const partial = ask.channel === 'IN_STORE' ? ask.amount !== null : value !== payment.amountValue;
  if (!rules.partialRefunds && partial) return reject('PARTIAL_REFUND_NOT_SUPPORTED');
  // The minimum refund is one minor unit here; Antom's is usually the minimum payment amount.
  if (value < 1 || held + value > payment.amountValue) return { ...reject('REFUND_AMOUNT_EXCEED'), amountValue: value };
  return { kind: 'accept', amountValue: value, currency: payment.currency, synchronous: rules.synchronousRefund };
}
