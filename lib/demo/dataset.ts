// The demo merchant: the same payments (and refunds that reached Antom) seed both the dashboard's
// database and the Antom sandbox's own ledger, so the two agree. Deterministic for a given anchor
// day: a seeded PRNG, no Math.random.
import { PAYMENT_METHODS, methodRules } from '../payments/methods';
import { currencyExponent } from '../money';

import type { Channel as DemoChannel, PaymentStatus as DemoPaymentStatus } from '../payments/states';
import type { RefundStatus as DemoRefundStatus } from '../refunds/states';

export interface DemoPayment {
  paymentId: string;
  paymentRequestId: string;
  channel: DemoChannel;
  amountValue: number;
  currency: string;
  method: string;
  status: DemoPaymentStatus;
  createdAt: Date;
  paidAt: Date | null;
}

export interface DemoRefund {
  refundRequestId: string;
  /** Antom's id, when Antom answered. */
  refundId: string | null;
  paymentId: string;
  amountValue: number;
  currency: string;
  /** What the dashboard believes. */
  status: DemoRefundStatus;
  /** What Antom (the sandbox) holds: null when the request never reached Antom. */
  antomStatus: 'SUCCESS' | 'PROCESSING' | 'FAILED' | null;
  resultCode: string | null;
  resultStatus: 'S' | 'F' | 'U' | null;
  resultMessage: string | null;
  reason: string | null;
  requestedBy: 'admin' | 'refunder';
  createdAt: Date;
  refundedAt: Date | null;
  /** When Antom ends a refund it holds PROCESSING (card refunds wait for the issuing bank for days). */
  settlesAt: Date | null;
}

export interface DemoUser {
  key: 'admin' | 'refunder' | 'approver' | 'viewer' | 'former';
  email: string;
  name: string;
  role: 'ADMIN' | 'REFUNDER' | 'APPROVER' | 'VIEWER';
  /** Demo only: printed in the README. Real deployments create users with their own passwords. */
  password: string;
  active: boolean;
}

/**
 * The demo users' email domain (a reserved test TLD, never a real mailbox). A database used with real
 * Antom must have no active user here or in DEMO_USERS: their passwords are printed in README.md
 * (lib/startup refuses to start until they are deactivated).
 */
export const DEMO_EMAIL_DOMAIN = 'demo.test';

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'admin',
    email: 'admin@demo.test',
    name: 'Ada Admin',
    role: 'ADMIN',
    password: 'demo-admin-2026',
    active: true,
  },
  {
    key: 'refunder',
    email: 'refunder@demo.test',
    name: 'Rui Refunder',
    role: 'REFUNDER',
    password: 'demo-refunder-2026',
    active: true,
  },
  // Approves large refunds that a refunder asked for (issue 16): the second pair of eyes.
  {
    key: 'approver',
    email: 'approver@demo.test',
    name: 'Abe Approver',
    role: 'APPROVER',
    password: 'demo-approver-2026',
    active: true,
  },
  {
    key: 'viewer',
    email: 'viewer@demo.test',
    name: 'Vera Viewer',
    role: 'VIEWER',
    password: 'demo-viewer-2026',
    active: true,
  },
  // A deactivated account, as a merchant has after staff leave: it can no longer sign in.
  {
    key: 'former',
    email: 'former@demo.test',
    name: 'Felix Former',
    role: 'REFUNDER',
    password: 'demo-former-2026',
    active: false,
  },
];

export const DEMO_PAYMENT_COUNT = 360;

/** mulberry32: small, fast, good enough for demo data, and the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

/** Typical ticket sizes in major units, per currency. */
const CURRENCIES: { code: string; min: number; max: number; weight: number }[] = [
  { code: 'USD', min: 5, max: 900, weight: 5 },
  { code: 'SGD', min: 5, max: 1200, weight: 3 },
  { code: 'HKD', min: 30, max: 8000, weight: 3 },
  { code: 'EUR', min: 5, max: 800, weight: 2 },
  { code: 'CNY', min: 20, max: 6000, weight: 4 },
  { code: 'JPY', min: 500, max: 120000, weight: 3 },
  { code: 'KRW', min: 5000, max: 1500000, weight: 2 },
];

const ONLINE_METHODS = PAYMENT_METHODS.map((m) => m.method);
const IN_STORE_METHODS = ['ALIPAY_CN', 'ALIPAY_HK', 'KAKAOPAY', 'TNG', 'CARD', 'PAYPAY'];

const STATUS_WEIGHTS: [DemoPaymentStatus, number][] = [
  ['SUCCESS', 80],
  ['FAIL', 7],
  ['PROCESSING', 4],
  ['CANCELLED', 5],
  ['PENDING', 4],
];

const REASONS = [
  'Customer returned the goods',
  'Duplicate charge',
  'Order cancelled by customer',
  'Item out of stock',
  'Price adjustment',
  null,
];

function weighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[0]![0];
}

function digits(rand: () => number, n: number) {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 10);
  return s;
}

/** Payments over the 90 days before `anchor`, and refunds of them in every state. */
export function demoDataset(
  anchor: Date,
  count = DEMO_PAYMENT_COUNT,
): { payments: DemoPayment[]; refunds: DemoRefund[] } {
  const r = prng(20261122);
  const ninetyDays = 90 * 24 * 3600 * 1000;
  const payments: DemoPayment[] = [];
  for (let i = 0; i < count; i++) {
    const channel: DemoChannel = r.next() < 0.65 ? 'ONLINE' : 'IN_STORE';
    const cur = weighted(
      r.next,
      CURRENCIES.map((c) => [c, c.weight] as [typeof c, number]),
    );
    // Every currency in the list gets each status at least once: cycle through them for the first rows.
    const status = i < STATUS_WEIGHTS.length ? STATUS_WEIGHTS[i]![0] : weighted(r.next, STATUS_WEIGHTS);
    const method = channel === 'ONLINE' ? r.pick(ONLINE_METHODS) : r.pick(IN_STORE_METHODS);
    const major = cur.min + r.next() * (cur.max - cur.min);
    const exponent = currencyExponent(cur.code);
    // Round to what a price tag would show: whole units for 0-decimal currencies, cents otherwise.
    const amountValue = exponent === 0 ? Math.round(major / 10) * 10 : Math.round(major * 10 ** exponent);
    const createdAt = new Date(anchor.getTime() - Math.floor(r.next() * ninetyDays));
    const day = createdAt.toISOString().slice(0, 10).replaceAll('-', '');
    payments.push({
      paymentId: `${day}${channel === 'ONLINE' ? '1140' : '1180'}${digits(r.next, 14)}`,
      paymentRequestId: `${channel === 'ONLINE' ? 'ORD' : 'POS'}_${day}_${String(i + 1).padStart(5, '0')}`,
      channel,
      amountValue: Math.max(amountValue, 100),
      currency: cur.code,
      method,
      status,
      createdAt,
      paidAt: status === 'SUCCESS' ? new Date(createdAt.getTime() + r.int(2, 90) * 1000) : null,
    });
  }
  payments.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const refunds: DemoRefund[] = [];
  const plan: [DemoRefundStatus, DemoRefund['antomStatus'], number][] = [
    ['SUCCESS', 'SUCCESS', 40],
    ['FAILED', 'FAILED', 6],
    ['PROCESSING', 'PROCESSING', 5],
    ['UNKNOWN', 'SUCCESS', 3],
    ['CREATED', null, 1],
  ];
  const refundable = payments.filter((p) => p.status === 'SUCCESS' && p.method !== 'KONBINI');
  let n = 0;
  // The first two refunds Antom holds PROCESSING were asked for within the last two days and stay so for
  // five (as a card refund waits for its issuer): the dashboard flags them as stuck, so the demo always
  // shows refunds that need attention, with what to do about them.
  let heldAtBank = 0;
  for (const p of refundable) {
    if (r.next() > 0.3) continue;
    const [status, antomStatus] =
      n < plan.length
        ? [plan[n]![0], plan[n]![1]]
        : (() => {
            const [s, a] = weighted(
              r.next,
              plan.map(([s, a, w]) => [[s, a], w] as [[DemoRefundStatus, DemoRefund['antomStatus']], number]),
            );
            return [s, a] as const;
          })();
    n++;
    const full = r.next() < 0.5 || !methodRules(p.method).partialRefunds;
    const amountValue = full ? p.amountValue : Math.max(1, Math.floor(p.amountValue * (0.1 + r.next() * 0.5)));
    // Some time after the payment (up to 20 days), never after the anchor.
    const room = Math.max(60_000, Math.min(anchor.getTime() - p.createdAt.getTime() - 60_000, 20 * 24 * 3600 * 1000));
    let createdAt = new Date(p.createdAt.getTime() + 60_000 + Math.floor(r.next() * room));
    let settlesAt: Date | null = null;
    if (antomStatus === 'PROCESSING' && heldAtBank < 2) {
      heldAtBank++;
      const recent = anchor.getTime() - (2 + heldAtBank * 19) * 3600_000;
      createdAt = new Date(Math.max(recent, p.createdAt.getTime() + 60_000));
      settlesAt = new Date(createdAt.getTime() + 5 * 24 * 3600_000);
    }
    const failed = status === 'FAILED';
    refunds.push({
      refundRequestId: `RFD_${p.paymentRequestId}_1`,
      refundId: antomStatus ? `${p.paymentId.slice(0, 8)}1150${digits(r.next, 14)}` : null,
      paymentId: p.paymentId,
      amountValue,
      currency: p.currency,
      status,
      antomStatus,
      resultCode:
        status === 'SUCCESS'
          ? 'SUCCESS'
          : failed
            ? 'REFUND_AMOUNT_EXCEED'
            : status === 'PROCESSING'
              ? 'REFUND_IN_PROCESS'
              : status === 'UNKNOWN'
                ? 'UNKNOWN_EXCEPTION'
                : null,
      resultStatus:
        status === 'SUCCESS' ? 'S' : failed ? 'F' : status === 'PROCESSING' || status === 'UNKNOWN' ? 'U' : null,
      resultMessage:
        status === 'SUCCESS'
          ? 'Success'
          : failed
            ? 'The total refund amount has exceeded the payment amount.'
            : status === 'PROCESSING'
              ? 'The refund is being processed.'
              : status === 'UNKNOWN'
                ? 'An API calling is failed, which is caused by unknown reasons.'
                : null,
      reason: r.pick(REASONS),
      requestedBy: r.next() < 0.7 ? 'refunder' : 'admin',
      createdAt,
      refundedAt: status === 'SUCCESS' ? new Date(createdAt.getTime() + 4000) : null,
      settlesAt,
    });
  }
  return { payments, refunds };
}
