// The sandbox takes payments, as Antom does for a merchant's checkout or terminal, so that the
// dashboard has payments it has never seen (issue 12, "The sandbox plays both"):
// - online: the payment is in process, then ends after `delayMs` in SUCCESS (or FAIL), and Antom's
//   signed notifyPayment goes to the merchant's notify URL (https://docs.antom.com/ac/ams/paymentrn_online):
//   PAYMENT_PENDING first for methods whose buyers finish paying before the method confirms (card,
//   cash voucher), then PAYMENT_RESULT. Delivery faults apply (lost, duplicated, badly signed; out of
//   order: the result is delivered first and PAYMENT_PENDING after it);
// - in store: the terminal took it, so it is SUCCESS at once; no notification (the app learns of it
//   by looking it up).
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { currencySchema, minorValueSchema } from '../lib/antom';
import { methodRules } from '../lib/payments/methods';
import type { Faults } from './faults';
import type { Ledger, SandboxPayment } from './ledger';
import type { Notifier } from './notifier';

export const takePaymentSchema = z
  .object({
    method: z.string().trim().min(1).max(64),
    /** Minor units of `currency` (the CLI converts what a person types, by the currency's exponent). */
    amountValue: minorValueSchema.refine((v) => v > 0, 'must be more than zero'),
    currency: currencySchema,
    channel: z.enum(['ONLINE', 'IN_STORE']).default('ONLINE'),
    /** The merchant's id for the payment; made up when absent. */
    paymentRequestId: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, 'letters, digits and underscores, at most 64')
      .optional(),
    /** How long an online payment stays in process before its result (and its notification). */
    delayMs: z.number().int().min(0).max(3_600_000).optional(),
    /** PAYMENT_PENDING before the result; by default for methods that have it. */
    pendingFirst: z.boolean().optional(),
    outcome: z.enum(['SUCCESS', 'FAIL']).default('SUCCESS'),
    /** The pay request's paymentNotifyUrl; the sandbox's configured one when absent. */
    notifyUrl: z.url().optional(),
  })
  .strict();
export type TakePaymentInput = z.input<typeof takePaymentSchema>;

/** Methods whose buyer finishes before the method confirms: Antom says PAYMENT_PENDING first. */
export function hasPendingStep(method: string): boolean {
  const kind = methodRules(method).kind;
  return kind === 'CARD' || kind === 'CASH_VOUCHER';
}

export interface SandboxPaymentsOptions {
  ledger: Ledger;
  faults: Faults;
  notifier: Notifier;
  now: () => Date;
  /** Default delay of an online payment's result. */
  delayMs: number;
  /** Where notifyPayment goes when a payment names no notify URL. */
  notifyUrl: string | null;
}

const amountOut = (p: SandboxPayment) => ({ value: String(p.amountValue), currency: p.currency });

export class SandboxPayments {
  private timers = new Set<NodeJS.Timeout>();
  /** PAYMENT_PENDING bodies held back by the out-of-order fault, sent after the result. */
  private heldBack = new Map<string, object>();

  constructor(readonly o: SandboxPaymentsOptions) {}

  take(input: z.output<typeof takePaymentSchema>): SandboxPayment {
    const now = this.o.now();
    const online = input.channel === 'ONLINE';
    const pendingFirst = online && (input.pendingFirst ?? hasPendingStep(input.method));
    const delayMs = input.delayMs ?? this.o.delayMs;
    const paymentRequestId = input.paymentRequestId ?? this.newRequestId();
    if (this.o.ledger.paymentByRequestId(paymentRequestId))
      throw new PaymentRefused(`paymentRequestId ${paymentRequestId} is already taken`);
    const payment: SandboxPayment = {
      paymentId: this.newPaymentId(now),
      paymentRequestId,
      channel: input.channel,
      amountValue: input.amountValue,
      currency: input.currency,
      method: input.method,
      status: !online ? input.outcome : pendingFirst ? 'PENDING' : 'PROCESSING',
      createdAt: now.toISOString(),
      paidAt: !online && input.outcome === 'SUCCESS' ? now.toISOString() : null,
      ...(online
        ? {
            settlesAt: new Date(now.getTime() + delayMs).toISOString(),
            outcome: input.outcome,
            notifyUrl: input.notifyUrl ?? null,
          }
        : {}),
    };
    this.o.ledger.payments.set(payment.paymentId, payment);
    this.o.ledger.changed();
    if (!online) return payment;
    if (pendingFirst) {
      const pending = this.notification(payment, 'PAYMENT_PENDING');
      if (this.o.faults.take('notifyOutOfOrder', 'notifyPayment')) this.heldBack.set(payment.paymentId, pending);
      else this.send(payment, pending);
    }
    this.scheduleResult(payment.paymentId, delayMs);
    return payment;
  }

  /** Payments still in process (after a restart) end when they were due, or at once if that has passed. */
  resume(): void {
    for (const p of this.o.ledger.payments.values()) {
      if (!p.settlesAt || (p.status !== 'PENDING' && p.status !== 'PROCESSING')) continue;
      this.scheduleResult(p.paymentId, Date.parse(p.settlesAt) - this.o.now().getTime());
    }
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Ends an online payment in process now and notifies its result; null when there is none by that id. */
  async settle(paymentId: string): Promise<SandboxPayment | null> {
    const p = this.o.ledger.payments.get(paymentId);
    if (!p || !p.settlesAt || (p.status !== 'PENDING' && p.status !== 'PROCESSING')) return null;
    const outcome = p.outcome ?? 'SUCCESS';
    p.status = outcome;
    p.paidAt = outcome === 'SUCCESS' ? this.o.now().toISOString() : null;
    p.settlesAt = null;
    this.o.ledger.changed();
    const result = this.notification(p, 'PAYMENT_RESULT');
    const pending = this.heldBack.get(paymentId);
    if (!pending) {
      this.send(p, result);
      return p;
    }
    // Out of order: the result first, then the PAYMENT_PENDING that should have come before it.
    this.heldBack.delete(paymentId);
    await this.o.notifier.deliverNow(this.send(p, result, { hold: true }));
    this.send(p, pending);
    return p;
  }

  /** notifyPayment's body as the online page describes it: every value a string, amounts in minor units. */
  private notification(p: SandboxPayment, notifyType: 'PAYMENT_PENDING' | 'PAYMENT_RESULT'): object {
    const failed = notifyType === 'PAYMENT_RESULT' && p.status === 'FAIL';
    return {
      notifyType,
      // S with PAYMENT_PENDING: in process (the notifications overview, docs.antom.com/ac/cashierpay/notifications).
      result: failed
        ? { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'A general business failure occurred.' }
        : { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
      paymentRequestId: p.paymentRequestId,
      paymentId: p.paymentId,
      paymentAmount: amountOut(p),
      paymentCreateTime: p.createdAt,
      ...(notifyType === 'PAYMENT_RESULT' && p.paidAt ? { paymentTime: p.paidAt } : {}),
      paymentMethodType: p.method,
    };
  }

  private send(p: SandboxPayment, body: object, options: { hold?: boolean } = {}) {
    const url = p.notifyUrl ?? this.o.notifyUrl;
    return this.o.notifier.enqueue({ kind: 'PAYMENT', paymentId: p.paymentId }, url, body, options);
  }

  private scheduleResult(paymentId: string, delayMs: number): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.settle(paymentId);
      },
      Math.min(Math.max(0, delayMs), 2 ** 31 - 1),
    );
    this.timers.add(timer);
  }

  private newPaymentId(now: Date): string {
    const day = now.toISOString().slice(0, 10).replaceAll('-', '');
    for (;;) {
      const id = `${day}1940${String(randomInt(0, 1e7)).padStart(7, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`;
      if (!this.o.ledger.payments.has(id)) return id;
    }
  }

  private newRequestId(): string {
    return `SBX_PAY_${Date.now().toString(36).toUpperCase()}_${randomInt(0, 36 ** 6)
      .toString(36)
      .toUpperCase()}`;
  }
}

export class PaymentRefused extends Error {}
