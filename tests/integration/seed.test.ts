import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../lib/db/client';
import { applyMigrations } from '../../tools/db/migrations';
import { DEMO_USERS } from '../../lib/demo/dataset';
import { isDatabaseEmpty, seedDemoData } from '../../lib/demo/seed';
import { methodRules } from '../../lib/payments/methods';
import { createScratchDatabase } from '../setup/database';

describe('demo seed', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;
  const anchor = new Date('2026-11-22T08:00:00Z');

  beforeAll(async () => {
    scratch = await createScratchDatabase('seed');
    await applyMigrations(scratch.url);
    db = createPrismaClient(scratch.url);
    expect(await isDatabaseEmpty(db)).toBe(true);
    await seedDemoData(db, anchor);
  });
  afterAll(async () => {
    await db.$disconnect();
    await scratch.drop();
  });

  it('makes a believable merchant: 300+ payments over 90 days, currencies with different minor units', async () => {
    const payments = await db.payment.findMany();
    expect(payments.length).toBeGreaterThanOrEqual(300);
    expect(new Set(payments.map((p) => p.currency))).toEqual(
      new Set(['USD', 'SGD', 'HKD', 'EUR', 'CNY', 'JPY', 'KRW']),
    );
    expect(new Set(payments.map((p) => p.status))).toEqual(
      new Set(['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING']),
    );
    expect(new Set(payments.map((p) => p.channel))).toEqual(new Set(['ONLINE', 'IN_STORE']));
    const kinds = new Set(payments.map((p) => methodRules(p.method).kind));
    expect(kinds.has('WALLET') && kinds.has('CARD')).toBe(true);
    const ninetyDaysAgo = anchor.getTime() - 90 * 24 * 3600 * 1000;
    expect(payments.every((p) => p.createdAt.getTime() >= ninetyDaysAgo && p.createdAt <= anchor)).toBe(true);
    expect(payments.every((p) => Number.isInteger(p.amountValue) && p.amountValue > 0)).toBe(true);
    // 0-decimal currencies hold whole units: a JPY price is never 1234.56.
    expect(payments.filter((p) => p.currency === 'JPY').every((p) => p.amountValue % 10 === 0)).toBe(true);
    expect(await isDatabaseEmpty(db)).toBe(false);
  });

  it('has refunds in every state, each within its payment, with the held sums the trigger keeps', async () => {
    const refunds = await db.refund.findMany({ include: { payment: true } });
    expect(new Set(refunds.map((r) => r.status))).toEqual(
      new Set(['CREATED', 'PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED']),
    );
    for (const r of refunds) {
      expect(r.currency).toBe(r.payment.currency);
      expect(r.payment.status).toBe('SUCCESS');
    }
    const payments = await db.payment.findMany({ include: { refunds: true } });
    for (const p of payments) {
      const held = p.refunds.filter((r) => r.status !== 'FAILED').reduce((s, r) => s + r.amountValue, 0);
      const refunded = p.refunds.filter((r) => r.status === 'SUCCESS').reduce((s, r) => s + r.amountValue, 0);
      expect([p.refundHeldValue, p.refundedValue]).toEqual([held, refunded]);
      expect(held).toBeLessThanOrEqual(p.amountValue);
    }
  });

  it('creates one active demo user per role, and a deactivated one, with argon2id password hashes', async () => {
    const users = await db.user.findMany({ select: { email: true, role: true, active: true, passwordHash: true } });
    expect(
      users
        .filter((u) => u.active)
        .map((u) => u.role)
        .sort(),
    ).toEqual(['ADMIN', 'APPROVER', 'REFUNDER', 'VIEWER']);
    expect(users.filter((u) => !u.active).map((u) => u.email)).toEqual(['former@demo.test']);
    for (const demo of DEMO_USERS) {
      const user = users.find((u) => u.email === demo.email)!;
      expect(user.active).toBe(demo.active);
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(user.passwordHash, demo.password)).toBe(true);
    }
  });
});
