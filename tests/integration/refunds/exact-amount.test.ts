// Issue 15, blocker 2: the confirmation sends the exact amount it showed ("everything left" included)
// and what was left when it was shown; if what is left has changed since, the refund is refused with
// what is left now, and nothing changes: no refund row, no held amount, no audit entry, no call to
// Antom. Checked on the engine and on the server action the form posts to, against real PostgreSQL
// and the sandbox over HTTP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initiateRefund, RefundRefused } from '../../../lib/refunds/initiate';
import { createUser, enrol, openSession, TEST_AUTH_SECRET } from '../../security/support/two-factor';
import { createPayment, key, ledger, setFaults, startWorld, type World } from './harness';

vi.hoisted(() => {
  process.env.AUTH_SECRET = 'vitest-only-auth-secret-0123456789abcdef';
});
const session = vi.hoisted(() => ({
  current: null as { userId?: string; sessionVersion?: number; sessionId?: string } | null,
}));
const world = vi.hoisted(() => ({ current: null as unknown as World }));
vi.mock('../../../lib/auth/auth', () => ({ auth: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('../../../lib/refunds/app-deps', () => ({ appEngineDeps: () => world.current.deps }));

const { refundPaymentAction } = await import('../../../app/(dashboard)/transactions/[paymentId]/actions');

beforeAll(async () => {
  expect(process.env.AUTH_SECRET).toBe(TEST_AUTH_SECRET);
  world.current = await startWorld();
  const refunder = await createUser(world.current.db, 'REFUNDER', 'exact');
  await enrol(world.current.db, refunder.id); // refunders sign in with a second factor
  const sessionId = await openSession(world.current.db, refunder.id, {
    secondFactorAt: new Date(),
    codeAt: new Date(),
  });
  session.current = { userId: refunder.id, sessionVersion: 0, sessionId };
}, 60_000);
afterAll(() => world.current.stop());

/** Everything the refund of a payment could have touched, to compare before and after a refusal. */
async function footprint(paymentId: string) {
  const w = world.current;
  const [payment, refunds, audits, calls, atAntom] = await Promise.all([
    w.db.payment.findUniqueOrThrow({
      where: { paymentId },
      select: { refundHeldValue: true, refundedValue: true, updatedAt: true },
    }),
    w.db.refund.findMany({ where: { paymentId }, orderBy: { createdAt: 'asc' } }),
    w.db.auditLog.count({ where: { paymentId } }),
    w.db.antomCall.count({ where: { refund: { paymentId } } }),
    ledger(w, paymentId),
  ]);
  return { payment, refunds, audits, calls, atAntom: atAntom.refunds.length };
}

const engineRefund = (paymentId: string, amountValue: number, expectedRefundable: number, idempotencyKey = key()) =>
  initiateRefund(
    world.current.deps,
    { paymentId, amountValue, expectedRefundable, idempotencyKey },
    world.current.actor,
  );

describe('the engine refunds exactly the amount confirmed, or nothing', () => {
  it('a stale "everything left" ($490.70 seen, $190.70 left) is refused, says what is left now, and changes nothing', async () => {
    await setFaults(world.current, []);
    const payment = await createPayment(world.current, { amountValue: 49_070, currency: 'USD' });
    // Another tab refunds $300.00 after this one rendered "Everything left: $490.70".
    await engineRefund(payment.paymentId, 30_000, 49_070);
    const before = await footprint(payment.paymentId);

    const refused = await engineRefund(payment.paymentId, 49_070, 49_070).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RefundRefused);
    expect((refused as RefundRefused).code).toBe('CHANGED');
    expect((refused as RefundRefused).message).toBe(
      'Nothing was refunded. Another refund of this payment was made since this page was shown. You saw US$490.70 left; US$190.70 is left now.',
    );
    expect((refused as RefundRefused).refundableNow).toEqual({ value: 19_070, currency: 'USD' });
    expect(await footprint(payment.paymentId)).toEqual(before);

    // The same amount, confirmed against what is left now, goes through: exactly $190.70.
    const { refund } = await engineRefund(payment.paymentId, 19_070, 19_070);
    expect([refund.amountValue, refund.status]).toEqual([19_070, 'SUCCESS']);
    const after = await footprint(payment.paymentId);
    expect(after.payment.refundHeldValue).toBe(49_070);
    expect(after.refunds.map((r) => r.amountValue)).toEqual([30_000, 19_070]);
  });

  it('a partial amount that still fits is refused too when what was left moved: the person confirmed another picture', async () => {
    const payment = await createPayment(world.current, { amountValue: 10_000, currency: 'EUR' });
    await engineRefund(payment.paymentId, 1_000, 10_000);
    const before = await footprint(payment.paymentId);
    await expect(engineRefund(payment.paymentId, 2_000, 10_000)).rejects.toMatchObject({
      code: 'CHANGED',
      refundableNow: { value: 9_000, currency: 'EUR' },
    });
    expect(await footprint(payment.paymentId)).toEqual(before);
  });

  it('two tabs confirm at once against the same picture: one refund is made, the other refused under the lock', async () => {
    const payment = await createPayment(world.current, { amountValue: 20_000, currency: 'SGD' });
    const results = await Promise.allSettled([
      engineRefund(payment.paymentId, 20_000, 20_000),
      engineRefund(payment.paymentId, 5_000, 20_000),
    ]);
    const made = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(made).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(RefundRefused);
    expect(['CHANGED', 'AMOUNT']).toContain(refused[0]!.reason.code);
    const after = await footprint(payment.paymentId);
    expect(after.refunds).toHaveLength(1);
    expect(after.atAntom).toBe(1);
    expect(after.payment.refundHeldValue).toBe(after.refunds[0]!.amountValue);
  });

  it('an "everything left" of nothing: the other tab refunded it all; the refusal says nothing is left and offers no amount', async () => {
    const payment = await createPayment(world.current, { amountValue: 2_500, currency: 'JPY' });
    await engineRefund(payment.paymentId, 2_500, 2_500);
    const before = await footprint(payment.paymentId);
    const refused = (await engineRefund(payment.paymentId, 2_500, 2_500).catch((e: unknown) => e)) as RefundRefused;
    expect(refused.code).toBe('CHANGED');
    expect(refused.message).toMatch(/^Nothing was refunded\. Another refund .* Nothing left to refund/);
    expect(refused.refundableNow).toBeUndefined();
    expect(await footprint(payment.paymentId)).toEqual(before);
  });
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('the refund action the confirmation posts', () => {
  it('refuses a stale confirmation with what is left now, for the form to offer, and changes nothing', async () => {
    const payment = await createPayment(world.current, { amountValue: 49_070, currency: 'USD' });
    await engineRefund(payment.paymentId, 30_000, 49_070);
    const before = await footprint(payment.paymentId);
    const state = await refundPaymentAction(
      {},
      form({ paymentId: payment.paymentId, amountValue: '49070', refundableSeen: '49070', idempotencyKey: key() }),
    );
    expect(state).toEqual({
      message:
        'Nothing was refunded. Another refund of this payment was made since this page was shown. You saw US$490.70 left; US$190.70 is left now.',
      refusal: { code: 'CHANGED', refundableNow: 19_070 },
    });
    expect(await footprint(payment.paymentId)).toEqual(before);
  });

  it('sends the exact amount with the picked reason, stored as its code and composed for Antom', async () => {
    const payment = await createPayment(world.current, { amountValue: 8_000, currency: 'USD' });
    const state = await refundPaymentAction(
      {},
      form({
        paymentId: payment.paymentId,
        amountValue: '2500',
        refundableSeen: '8000',
        reasonCode: 'DUPLICATE',
        reasonNote: '  order 1234   charged twice ',
        idempotencyKey: key(),
      }),
    );
    expect(state).toMatchObject({ ok: true, status: 'SUCCESS' });
    const [row] = await world.current.db.refund.findMany({ where: { paymentId: payment.paymentId } });
    expect([row!.amountValue, row!.reasonCode, row!.reason]).toEqual([
      2_500,
      'DUPLICATE',
      'Duplicate: order 1234 charged twice',
    ]);
    const [atAntom] = (await ledger(world.current, payment.paymentId)).refunds;
    expect(atAntom!.amountValue).toBe(2_500);
  });

  it('refuses "Other" without words, and a malformed amount, changing nothing', async () => {
    const payment = await createPayment(world.current, { amountValue: 8_000, currency: 'USD' });
    const before = await footprint(payment.paymentId);
    const other = await refundPaymentAction(
      {},
      form({
        paymentId: payment.paymentId,
        amountValue: '100',
        refundableSeen: '8000',
        reasonCode: 'OTHER',
        reasonNote: ' ',
        idempotencyKey: key(),
      }),
    );
    expect(other).toMatchObject({
      message: 'Say what the reason is (Other needs a few words).',
      refusal: { code: 'REASON' },
    });
    const typed = await refundPaymentAction(
      {},
      form({ paymentId: payment.paymentId, amountValue: '12.50', refundableSeen: '8000', idempotencyKey: key() }),
    );
    expect(typed.ok).toBeFalsy();
    expect(await footprint(payment.paymentId)).toEqual(before);
  });
});
