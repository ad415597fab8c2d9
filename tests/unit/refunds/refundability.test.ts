// Whether and how much a payment can be refunded: each rule of lib/refunds/refundability.ts by
// example, then properties (fast-check) over any payment and any mix of earlier refunds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money';
import { PAYMENT_METHODS, methodRules, ruleSource } from '@/lib/payments/methods';
import { amountProblem, refundability, type PaymentForRefund, type Refundability } from '@/lib/refunds/refundability';
import type { RefundStatus } from '@/lib/refunds/states';

const NOW = new Date('2026-03-01T12:00:00Z');
const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

function payment(overrides: Partial<PaymentForRefund> = {}): PaymentForRefund {
  return {
    paymentId: 'PAY1',
    channel: 'ONLINE',
    amountValue: 10_000,
    currency: 'USD',
    method: 'ALIPAY_CN',
    status: 'SUCCESS',
    paidAt: daysAgo(1),
    createdAt: daysAgo(1),
    refundHeldValue: 0,
    ...overrides,
  };
}

/** A payment with these earlier refunds: held is what the database keeps, every refund not FAILED. */
function withRefunds(refunds: { status: RefundStatus; amount: number }[], overrides: Partial<PaymentForRefund> = {}) {
  const held = refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount, 0);
  return [payment({ ...overrides, refundHeldValue: held }), refunds.map((r) => r.status)] as const;
}

const allowed = (refundable: number, fullOnly = false, warnings: string[] = []): Refundability => ({
  refundable,
  blockedReason: null,
  fullOnly,
  warnings,
});
const ANTOM_DECIDES = "Antom's documentation does not confirm it, so the refund is sent and Antom decides.";

describe('refundability, by example', () => {
  it('allows refunding what was paid minus every refund that is not FAILED', () => {
    expect(refundability(...withRefunds([]), NOW)).toEqual(allowed(10_000));
    expect(
      refundability(
        ...withRefunds([
          { status: 'SUCCESS', amount: 1_000 },
          { status: 'FAILED', amount: 5_000 },
          { status: 'PROCESSING', amount: 2_000 },
          { status: 'UNKNOWN', amount: 500 },
          { status: 'CREATED', amount: 250 },
        ]),
        NOW,
      ),
    ).toEqual(allowed(10_000 - 1_000 - 2_000 - 500 - 250));
  });

  it('says nothing is left once earlier refunds cover the whole payment, and never goes below zero', () => {
    const full = refundability(...withRefunds([{ status: 'SUCCESS', amount: 10_000 }]), NOW);
    expect(full).toEqual({
      refundable: 0,
      blockedReason: 'Nothing left to refund: earlier refunds cover the whole payment.',
      fullOnly: false,
      warnings: [],
    });
    expect(refundability(payment({ refundHeldValue: 12_000 }), ['SUCCESS'], NOW).refundable).toBe(0);
  });

  it('refunds successful payments only', () => {
    for (const status of ['PROCESSING', 'PENDING', 'FAIL', 'CANCELLED']) {
      expect(refundability(payment({ status }), [], NOW)).toEqual({
        refundable: 10_000,
        blockedReason: `Only successful payments can be refunded; this one is ${status.toLowerCase()}.`,
        fullOnly: false,
        warnings: [],
      });
    }
  });

  it('refuses a method that cannot be refunded through Antom (Konbini), which would refund only in full', () => {
    expect(refundability(payment({ method: 'KONBINI' }), [], NOW)).toEqual({
      refundable: 10_000,
      blockedReason: 'Konbini payments cannot be refunded through Antom.',
      fullOnly: true,
      warnings: [],
    });
  });

  it('keeps to a documented refund window (GCash, 365 days), counted from payment or else creation', () => {
    const gcash = (paidAt: Date | null, createdAt: Date) =>
      refundability(payment({ method: 'GCASH', paidAt, createdAt }), [], NOW);
    const tooOld = 'GCash accepts refunds for 365 days after payment; this payment is older.';
    expect(gcash(daysAgo(365), daysAgo(365)).blockedReason).toBeNull();
    expect(gcash(new Date(daysAgo(365).getTime() - 1), daysAgo(366)).blockedReason).toBe(tooOld);
    expect(gcash(null, daysAgo(366)).blockedReason).toBe(tooOld);
    expect(gcash(null, daysAgo(10)).blockedReason).toBeNull();
    // Paid recently although created long ago: the payment time counts.
    expect(gcash(daysAgo(10), daysAgo(400)).blockedReason).toBeNull();
  });

  it('warns about an undocumented refund window (TNG 90 days, Card 365) and lets Antom decide', () => {
    expect(refundability(payment({ method: 'TNG', paidAt: daysAgo(91) }), [], NOW)).toEqual(
      allowed(10_000, false, [
        `Touch 'n Go eWallet may accept refunds only for 90 days after payment, and this payment is older. ${ANTOM_DECIDES}`,
      ]),
    );
    expect(refundability(payment({ method: 'TNG', paidAt: daysAgo(89) }), [], NOW)).toEqual(allowed(10_000));
    expect(refundability(payment({ method: 'CARD', paidAt: daysAgo(366) }), [], NOW).warnings).toEqual([
      `Card may accept refunds only for 365 days after payment, and this payment is older. ${ANTOM_DECIDES}`,
    ]);
  });

  it('lets Antom decide for a method it does not know: refundable, partly, with no window', () => {
    expect(methodRules('SOME_NEW_WALLET').refundWindowDays).toBeNull();
    expect(refundability(payment({ method: 'SOME_NEW_WALLET', paidAt: daysAgo(5000) }), [], NOW)).toEqual(
      allowed(10_000),
    );
  });

  it('warns that an undocumented single-refund method (DANA) may refuse a second refund; a FAILED one does not count', () => {
    expect(refundability(...withRefunds([{ status: 'SUCCESS', amount: 1_000 }], { method: 'DANA' }), NOW)).toEqual(
      allowed(9_000, false, [`DANA may allow only one refund per payment, and this payment has one. ${ANTOM_DECIDES}`]),
    );
    expect(refundability(...withRefunds([{ status: 'FAILED', amount: 1_000 }], { method: 'DANA' }), NOW)).toEqual(
      allowed(10_000),
    );
  });

  it('warns that an undocumented full-only method (PayPay) may refuse a partial refund, and sends it', () => {
    const fullOnly = `PayPay may refund only in full. ${ANTOM_DECIDES}`;
    expect(refundability(...withRefunds([], { method: 'PAYPAY' }), NOW)).toEqual(allowed(10_000, false, [fullOnly]));
    expect(refundability(...withRefunds([{ status: 'CREATED', amount: 1 }], { method: 'PAYPAY' }), NOW)).toEqual(
      allowed(9_999, false, [
        `PayPay may refund only in full, and this payment already has a refund. ${ANTOM_DECIDES}`,
      ]),
    );
  });

  it('cites an Antom page for every rule it enforces, and TrueMoney (documented) refunds partly', () => {
    for (const m of PAYMENT_METHODS)
      for (const page of Object.values(m.sources)) expect(page).toMatch(/^https:\/\/docs\.antom\.com\//);
    expect(refundability(...withRefunds([{ status: 'SUCCESS', amount: 1_000 }], { method: 'TRUEMONEY' }), NOW)).toEqual(
      allowed(9_000),
    );
  });

  it('lets an in-store payment have one refund in progress at a time; final ones do not block', () => {
    const inStore = { channel: 'IN_STORE' as const };
    const waiting =
      'An in-store payment can have one refund in progress at a time; wait until the current one is final.';
    for (const status of ['CREATED', 'PROCESSING', 'UNKNOWN'] as const) {
      expect(refundability(...withRefunds([{ status, amount: 1_000 }], inStore), NOW)).toEqual({
        refundable: 9_000,
        blockedReason: waiting,
        fullOnly: false,
        warnings: [],
      });
      // Online, refunds may run side by side.
      expect(refundability(...withRefunds([{ status, amount: 1_000 }]), NOW)).toEqual(allowed(9_000));
    }
    expect(
      refundability(
        ...withRefunds(
          [
            { status: 'SUCCESS', amount: 1_000 },
            { status: 'FAILED', amount: 1_000 },
          ],
          inStore,
        ),
        NOW,
      ),
    ).toEqual(allowed(9_000));
  });
});

describe('amountProblem, by example', () => {
  it('asks for an amount greater than zero, in whole minor units', () => {
    for (const requested of [0, -1, -10_000, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(amountProblem(requested, allowed(10_000), 'USD'), String(requested)).toBe(
        'Enter an amount greater than zero.',
      );
    }
  });

  it('refuses more than is refundable, saying how much is', () => {
    expect(amountProblem(10_001, allowed(10_000), 'USD')).toBe(
      'The amount is more than can be refunded: at most US$100.00.',
    );
    expect(amountProblem(1, allowed(0), 'JPY')).toBe('The amount is more than can be refunded: at most ¥0.');
    expect(amountProblem(10_000, allowed(10_000), 'USD')).toBeNull();
    expect(amountProblem(1, allowed(10_000), 'USD')).toBeNull();
  });

  it('accepts only the whole refundable amount when the method refunds only in full', () => {
    expect(amountProblem(9_999, allowed(10_000, true), 'USD')).toBe(
      'This payment method refunds only in full: US$100.00.',
    );
    expect(amountProblem(10_000, allowed(10_000, true), 'USD')).toBeNull();
  });
});

// --- Properties -----------------------------------------------------------------------------------

const STATUSES: RefundStatus[] = ['CREATED', 'PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED'];
const CURRENCIES = ['USD', 'JPY', 'KWD', 'EUR'];
const MAX_VALUE = 2_147_483_647;

/** Earlier refunds whose held amounts (every one not FAILED) add up to at most what was paid. */
const refundsWithin = (paid: number) =>
  fc
    .array(fc.record({ status: fc.constantFrom(...STATUSES), share: fc.double({ min: 0, max: 1, noNaN: true }) }), {
      maxLength: 8,
    })
    .map((drafts) => {
      let room = paid;
      return drafts
        .map(({ status, share }) => {
          const amount = Math.max(1, Math.floor(share * paid));
          if (status === 'FAILED') return { status, amount }; // a FAILED refund holds nothing, whatever its size
          const held = Math.min(amount, room);
          room -= held;
          return { status, amount: held };
        })
        .filter((r) => r.amount > 0);
    });

const paymentCase = fc
  .record({
    amountValue: fc.integer({ min: 1, max: MAX_VALUE }),
    currency: fc.constantFrom(...CURRENCIES),
    method: fc.constantFrom(...PAYMENT_METHODS.map((m) => m.method), 'SOME_NEW_WALLET'),
    channel: fc.constantFrom('ONLINE' as const, 'IN_STORE' as const),
    status: fc.constantFrom('SUCCESS', 'SUCCESS', 'SUCCESS', 'PROCESSING', 'PENDING', 'FAIL', 'CANCELLED'),
    paidDaysAgo: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    createdDaysAgo: fc.integer({ min: 0, max: 500 }),
  })
  .chain((p) => fc.tuple(fc.constant(p), refundsWithin(p.amountValue)))
  .map(([p, refunds]) => {
    const [forRefund, statuses] = withRefunds(refunds, {
      amountValue: p.amountValue,
      currency: p.currency,
      method: p.method,
      channel: p.channel,
      status: p.status,
      paidAt: p.paidDaysAgo === null ? null : daysAgo(p.paidDaysAgo),
      createdAt: daysAgo(p.createdDaysAgo),
    });
    return { payment: forRefund, statuses, refunds };
  });

describe('refundability, as properties', () => {
  it('never allows more than paid minus held (every refund not FAILED), and never a negative amount', () => {
    fc.assert(
      fc.property(paymentCase, ({ payment, statuses, refunds }) => {
        const held = refunds.filter((r) => r.status !== 'FAILED').reduce((sum, r) => sum + r.amount, 0);
        expect(held).toBeLessThanOrEqual(payment.amountValue);
        const { refundable } = refundability(payment, statuses, NOW);
        expect(refundable).toBeLessThanOrEqual(payment.amountValue - held);
        expect(refundable).toBeGreaterThanOrEqual(0);
        // Nothing else takes from it: blocked or not, it is exactly what is left.
        expect(refundable).toBe(payment.amountValue - held);
      }),
    );
  });

  it('is never negative even if the database held more than was paid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_VALUE }), fc.integer({ min: 1, max: MAX_VALUE }), (paid, over) => {
        expect(
          refundability(payment({ amountValue: paid, refundHeldValue: paid + over }), ['SUCCESS'], NOW).refundable,
        ).toBe(0);
      }),
    );
  });

  it('allows a refund only when every rule agrees', () => {
    fc.assert(
      fc.property(paymentCase, ({ payment, statuses }) => {
        const state = refundability(payment, statuses, NOW);
        const rules = methodRules(payment.method);
        const documented = (rule: Parameters<typeof ruleSource>[1]) => ruleSource(rules, rule) !== null;
        expect(state.fullOnly).toBe(!rules.partialRefunds && documented('partialRefunds'));
        if (state.blockedReason !== null) return;
        const live = statuses.filter((s) => s !== 'FAILED').length;
        const open = statuses.filter((s) => s !== 'SUCCESS' && s !== 'FAILED').length;
        const paid = payment.paidAt ?? payment.createdAt;
        const tooOld =
          rules.refundWindowDays !== null && NOW.getTime() - paid.getTime() > rules.refundWindowDays * DAY_MS;
        expect(payment.status).toBe('SUCCESS');
        // A rule Antom documents is kept; one it does not is a warning, and the refund may go.
        const broken = {
          refundable: !rules.refundable,
          refundWindowDays: tooOld,
          singleRefund: rules.singleRefund && live > 0,
          partialRefunds: !rules.partialRefunds,
        } as const;
        for (const [rule, isBroken] of Object.entries(broken) as [keyof typeof broken, boolean][]) {
          if (!isBroken) continue;
          expect(documented(rule) && (rule !== 'partialRefunds' || live > 0)).toBe(false);
        }
        expect(state.warnings.length).toBe(
          Object.entries(broken).filter(([rule, b]) => b && !documented(rule as keyof typeof broken)).length,
        );
        expect(state.refundable).toBeGreaterThan(0);
        if (payment.channel === 'IN_STORE') expect(open).toBe(0);
      }),
      { numRuns: 1000 }, // about one case in eight is allowed
    );
  });
});

describe('amountProblem, as properties', () => {
  const stateOf = fc.record({
    refundable: fc.integer({ min: 0, max: MAX_VALUE }),
    fullOnly: fc.boolean(),
    currency: fc.constantFrom(...CURRENCIES),
  });

  it('refuses any amount above what is refundable, naming the most that is', () => {
    fc.assert(
      fc.property(stateOf, fc.integer({ min: 1, max: MAX_VALUE }), ({ refundable, fullOnly, currency }, over) => {
        const problem = amountProblem(refundable + over, allowed(refundable, fullOnly), currency);
        expect(problem).toBe(
          `The amount is more than can be refunded: at most ${formatMoney({ value: refundable, currency })}.`,
        );
      }),
    );
  });

  it('refuses zero and negative amounts', () => {
    // Zero on its own: fast-check draws it from a range this wide only about once in 250 runs.
    const notPositive = fc.oneof(fc.constant(0), fc.integer({ min: -MAX_VALUE, max: -1 }));
    fc.assert(
      fc.property(stateOf, notPositive, ({ refundable, fullOnly, currency }, requested) => {
        expect(amountProblem(requested, allowed(refundable, fullOnly), currency)).toBe(
          'Enter an amount greater than zero.',
        );
      }),
    );
  });

  it('accepts every amount from 1 to what is refundable, or exactly that when the method refunds only in full', () => {
    const within = stateOf
      .filter((s) => s.refundable >= 1)
      .chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 1, max: s.refundable })));
    fc.assert(
      fc.property(within, ([{ refundable, fullOnly, currency }, requested]) => {
        const problem = amountProblem(requested, allowed(refundable, fullOnly), currency);
        if (!fullOnly || requested === refundable) expect(problem).toBeNull();
        else
          expect(problem).toBe(
            `This payment method refunds only in full: ${formatMoney({ value: refundable, currency })}.`,
          );
        // The whole amount is always fine.
        expect(amountProblem(refundable, allowed(refundable, fullOnly), currency)).toBeNull();
      }),
    );
  });

  it('agrees with refundability: what a payment allows, amountProblem accepts, and nothing more', () => {
    fc.assert(
      fc.property(paymentCase, fc.integer({ min: 1, max: MAX_VALUE }), ({ payment, statuses }, requested) => {
        const state = refundability(payment, statuses, NOW);
        const problem = amountProblem(requested, state, payment.currency);
        if (requested > state.refundable) expect(problem).not.toBeNull();
        if (requested <= state.refundable && !state.fullOnly) expect(problem).toBeNull();
        expect(amountProblem(state.refundable + 1, state, payment.currency)).not.toBeNull();
      }),
    );
  });
});
