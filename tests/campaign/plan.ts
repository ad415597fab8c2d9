// What the campaign will do, decided by its seed alone: the payments (every channel, method and seeded
// currency) and the refund attempts on them, in groups that hit one payment at the same moment.
// Pure: no clock but the `now` it is given, no I/O.
import { demoDataset } from '../../lib/demo/dataset';
import { toMajorString } from '../../lib/money';
import { PAYMENT_METHODS } from '../../lib/payments/methods';

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedPayment {
  paymentId: string;
  paymentRequestId: string;
  channel: 'ONLINE' | 'IN_STORE';
  method: string;
  currency: string;
  amountValue: number;
  status: 'SUCCESS' | 'CANCELLED';
  paidAt: Date;
}

/** How the amount is given: everything left, minor units, the text a person types, or too much. */
export type AmountKind = 'full' | 'partial' | 'typed' | 'over';

export interface PlannedAttempt {
  /** 0-based, in the order the attempts are made. */
  n: number;
  paymentId: string;
  kind: AmountKind;
  amountValue?: number;
  amountText?: string;
  idempotencyKey: string;
  /** A second submission of the same form (same idempotency key), sent at the same moment. */
  doubleSubmit: boolean;
}

export interface Plan {
  payments: PlannedPayment[];
  /** Attempts in groups; the attempts of a group go out together, to different processes. */
  groups: PlannedAttempt[][];
  attempts: number;
  currencies: string[];
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The demo dataset's currencies and, per channel, its methods: the campaign covers what the demo
 * merchant takes. Amounts are drawn from the dataset's own payments of each currency.
 */
function demoShapes(now: Date) {
  const { payments } = demoDataset(now, 600);
  const amounts = new Map<string, number[]>();
  const methods = { ONLINE: new Set<string>(), IN_STORE: new Set<string>() };
  for (const p of payments) {
    amounts.set(p.currency, [...(amounts.get(p.currency) ?? []), p.amountValue]);
    methods[p.channel].add(p.method);
  }
  // Every method the dashboard knows is sold online (the dataset picks from all of them).
  for (const m of PAYMENT_METHODS) methods.ONLINE.add(m.method);
  return {
    currencies: [...amounts.keys()].sort(),
    amounts,
    methods: { ONLINE: [...methods.ONLINE].sort(), IN_STORE: [...methods.IN_STORE].sort() },
  };
}

export function makePlan(seed: number, attempts: number, now: Date): Plan {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const shapes = demoShapes(now);

  // About three attempts per payment: enough to run many payments down to nothing left.
  const paymentCount = Math.max(1, Math.ceil(attempts / 3));
  const payments: PlannedPayment[] = [];
  for (let i = 0; i < paymentCount; i++) {
    const channel = random() < 0.6 ? 'ONLINE' : 'IN_STORE';
    // Cycled, so that even a short run has every currency and every method of both channels.
    const currency = shapes.currencies[i % shapes.currencies.length]!;
    const methods = shapes.methods[channel];
    const method = i < 2 * methods.length ? methods[Math.floor(i / 2) % methods.length]! : pick(methods);
    const ageDays = random() < 0.05 ? 100 + Math.floor(random() * 200) : 1 + Math.floor(random() * 60);
    const id = `${seed}_${String(i).padStart(6, '0')}`;
    payments.push({
      paymentId: `CMP_${id}`,
      paymentRequestId: `CMPREQ_${id}`,
      channel,
      method,
      currency,
      amountValue: pick(shapes.amounts.get(currency)!),
      // A few payments that cannot be refunded at all (the engine refuses them before Antom).
      status: random() < 0.02 ? 'CANCELLED' : 'SUCCESS',
      paidAt: new Date(now.getTime() - ageDays * DAY_MS - Math.floor(random() * 3600_000)),
    });
  }

  // Rounds over the payments in a shuffled order: a payment's later attempts come long after its
  // first ones (a partial refund, then another), and within a group several arrive at once.
  const order = payments.map((_, i) => i);
  const groups: PlannedAttempt[][] = [];
  let n = 0;
  for (let round = 0; n < attempts; round++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      if (n >= attempts) break;
      const p = payments[index]!;
      const size = Math.min(attempts - n, pick([1, 1, 1, 1, 2, 2, 2, 3, 3, 4]));
      const group: PlannedAttempt[] = [];
      for (let k = 0; k < size && n < attempts; k++) {
        const roll = random();
        const kind: AmountKind = roll < 0.15 ? 'full' : roll < 0.87 ? 'partial' : roll < 0.96 ? 'typed' : 'over';
        const part = 1 + Math.floor(random() * Math.max(1, Math.floor(p.amountValue * 0.35)));
        const attempt: PlannedAttempt = {
          n,
          paymentId: p.paymentId,
          kind,
          idempotencyKey: `cmp_${seed}_${n}_${Math.floor(random() * 1e9).toString(36)}`,
          doubleSubmit: false,
        };
        if (kind === 'partial') attempt.amountValue = part;
        if (kind === 'over') attempt.amountValue = p.amountValue + 1 + Math.floor(random() * p.amountValue);
        if (kind === 'typed') attempt.amountText = toMajorString({ value: part, currency: p.currency });
        group.push(attempt);
        n++;
        // Now and then the same form is submitted twice at once (a double click on two servers).
        if (n < attempts && random() < 0.03) {
          group.push({ ...attempt, n, doubleSubmit: true });
          n++;
        }
      }
      groups.push(group);
    }
    if (round > 1000) throw new Error('The plan makes no progress.');
  }
  return { payments, groups, attempts: n, currencies: shapes.currencies };
}
