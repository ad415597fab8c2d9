import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeResultCode } from '../../../lib/format/result-code';
import { REFUND_COLUMNS } from '../../../lib/refunds/engine-deps';
import { initiateRefund, RefundRefused } from '../../../lib/refunds/initiate';
import { reconcileRefund } from '../../../lib/refunds/reconcile';
import { createPayment, eventually, key, ledger, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.stop();
});

const refund = (paymentId: string, amountValue?: number, idempotencyKey = key()) =>
  initiateRefund(world.deps, { paymentId, amountValue, idempotencyKey }, world.actor);

describe('initiating refunds', () => {
  it('50 concurrent partial refunds of 30% each: exactly 3 go through, the rest are refused, never over-refunded', async () => {
    await setFaults(world, []);
    const payment = await createPayment(world, { amountValue: 100_000, currency: 'USD', method: 'ALIPAY_CN' });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => refund(payment.paymentId, 30_000)));

    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(47);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(RefundRefused);
      expect(r.reason.code).toBe('AMOUNT');
      expect(r.reason.message).toMatch(/more than can be refunded/);
    }
    const ours = await world.db.refund.findMany({ where: { paymentId: payment.paymentId } });
    expect(ours.map((r) => r.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    const row = await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } });
    expect(row.refundHeldValue).toBe(90_000);
    expect(row.refundedValue).toBe(90_000);

    const theirs = (await ledger(world, payment.paymentId)).refunds.filter((r) => r.accepted);
    expect(theirs.reduce((s, r) => s + r.amountValue, 0)).toBe(90_000);
    expect(theirs.every((r) => r.applied === 1)).toBe(true);
  });

  it('10 concurrent partial refunds that all fit: each is reserved once, re-decided when another got in first', async () => {
    await setFaults(world, []);
    const payment = await createPayment(world, { amountValue: 100_000, currency: 'USD', method: 'ALIPAY_CN' });
    const results = await Promise.all(Array.from({ length: 10 }, () => refund(payment.paymentId, 1_000)));
    expect(new Set(results.map((r) => r.refund.refundRequestId)).size).toBe(10);
    expect(results.every((r) => r.created && r.refund.status === 'SUCCESS')).toBe(true);
    const row = await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } });
    expect([row.refundHeldValue, row.refundedValue]).toEqual([10_000, 10_000]);
    expect(await world.db.auditLog.count({ where: { paymentId: payment.paymentId, action: 'refund.requested' } })).toBe(
      10,
    );
  });

  it('returns the refund as Prisma reads it (REFUND_SQL_COLUMNS stays in step with REFUND_COLUMNS)', async () => {
    const payment = await createPayment(world, { amountValue: 7_000, currency: 'JPY', method: 'ALIPAY_CN' });
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 700, reason: 'Damaged', idempotencyKey: key() },
      world.actor,
    );
    expect(refund).toEqual(
      await world.db.refund.findUnique({ where: { refundRequestId: refund.refundRequestId }, select: REFUND_COLUMNS }),
    );
    expect(Object.keys(refund).sort()).toEqual(Object.keys(REFUND_COLUMNS).sort());
  });

  it('a double submit with the same idempotency key makes one refund and one Antom call', async () => {
    const payment = await createPayment(world, { amountValue: 5_000, currency: 'SGD', method: 'GCASH' });
    const k = key();
    const [a, b] = await Promise.all([refund(payment.paymentId, 1_000, k), refund(payment.paymentId, 1_000, k)]);
    expect(a.refund.refundRequestId).toBe(b.refund.refundRequestId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await refund(payment.paymentId, 1_000, k);
    expect(again).toMatchObject({ created: false, refund: { refundRequestId: a.refund.refundRequestId } });

    expect(await world.db.refund.count({ where: { paymentId: payment.paymentId } })).toBe(1);
    expect(
      await world.db.antomCall.count({ where: { refundRequestId: a.refund.refundRequestId, operation: 'REFUND' } }),
    ).toBe(1);
    const [theirs] = (await ledger(world, payment.paymentId)).refunds;
    expect(theirs).toMatchObject({ received: 1, applied: 1 });
  });

  it('the same key for another payment is refused, not turned into a refund of the first', async () => {
    const one = await createPayment(world, { amountValue: 5_000 });
    const two = await createPayment(world, { amountValue: 5_000 });
    const k = key();
    await refund(one.paymentId, 100, k);
    await expect(refund(two.paymentId, 100, k)).rejects.toMatchObject({ code: 'KEY_REUSED' });
  });

  it('refuses what the rules forbid, each with its own message, and reserves nothing', async () => {
    const cases: [Parameters<typeof createPayment>[1], number | undefined, RegExp][] = [
      [{ amountValue: 1_000, method: 'KONBINI', currency: 'JPY' }, 100, /cannot be refunded/],
      [{ amountValue: 1_000, method: 'GCASH', paidDaysAgo: 400 }, 100, /365 days/],
    ];
    for (const [options, amount, message] of cases) {
      const payment = await createPayment(world, options);
      await expect(refund(payment.paymentId, amount)).rejects.toThrow(message);
      expect(await world.db.refund.count({ where: { paymentId: payment.paymentId } })).toBe(0);
    }
    const payment = await createPayment(world, { amountValue: 1_000 });
    await expect(
      initiateRefund(
        world.deps,
        { paymentId: payment.paymentId, amountValue: 10, currency: 'EUR', idempotencyKey: key() },
        world.actor,
      ),
    ).rejects.toMatchObject({ code: 'CURRENCY' });
    await expect(refund(payment.paymentId, 0)).rejects.toMatchObject({ code: 'INVALID' });
    await expect(refund(payment.paymentId, 1_001)).rejects.toMatchObject({ code: 'AMOUNT' });
    await expect(
      initiateRefund(
        world.deps,
        { paymentId: payment.paymentId, idempotencyKey: key() },
        { id: world.actor.id, role: 'VIEWER' },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(refund('NO_SUCH_PAYMENT', 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await world.db.refund.count({ where: { paymentId: payment.paymentId } })).toBe(0);
  });

  it('a refund without an amount refunds everything left', async () => {
    const payment = await createPayment(world, { amountValue: 7_777, method: 'DANA', currency: 'EUR' });
    const { refund: first } = await refund(payment.paymentId);
    expect(first).toMatchObject({ amountValue: 7_777, status: 'SUCCESS' });
  });

  it('an undocumented method rule warns and lets Antom decide: its refusal is FAILED, in plain words, and frees the amount', async () => {
    const cases: [Parameters<typeof createPayment>[1], number, string, RegExp][] = [
      [{ amountValue: 1_000, method: 'TNG', paidDaysAgo: 120 }, 100, 'REFUND_WINDOW_EXCEED', /refund period/],
      [{ amountValue: 1_000, method: 'PAYPAY', currency: 'JPY' }, 100, 'PARTIAL_REFUND_NOT_SUPPORTED', /whole payment/],
    ];
    for (const [options, amount, code, plain] of cases) {
      const payment = await createPayment(world, options);
      const { refund: r } = await refund(payment.paymentId, amount);
      expect(r).toMatchObject({ status: 'FAILED', resultCode: code, resultStatus: 'F' });
      const view = describeResultCode({ code: r.resultCode, resultStatus: r.resultStatus, channel: 'ONLINE' })!;
      expect(view.meaning).toMatch(plain);
      expect(view.meaning).toMatch(/Nothing was refunded, and the amount is free again/);
      const created = await world.db.auditLog.findFirstOrThrow({
        where: { action: 'refund.requested', refundRequestId: r.refundRequestId },
      });
      expect((created.details as { warnings?: string[] }).warnings).toEqual([
        expect.stringMatching(/Antom's documentation does not confirm it, so the refund is sent and Antom decides\.$/),
      ]);
      expect(
        (await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).refundHeldValue,
      ).toBe(0);
    }
    // DANA (one refund per payment, undocumented): the second is sent, and Antom refuses it.
    const dana = await createPayment(world, { amountValue: 10_000, method: 'DANA' });
    await refund(dana.paymentId, 2_000);
    const { refund: second } = await refund(dana.paymentId, 2_000);
    expect(second).toMatchObject({ status: 'FAILED', resultCode: 'MULTIPLE_REFUNDS_NOT_SUPPORTED' });
  });

  it('a timeout after Antom applied the refund: one refund at Antom, SUCCESS here after retry or inquiry', async () => {
    const payment = await createPayment(world, { amountValue: 20_000, method: 'ALIPAY_HK', currency: 'HKD' });
    // Every attempt of the call times out after Antom applied it: the outcome stays unknown.
    await setFaults(world, [{ fault: 'timeout', count: 3, apis: ['refund.online'] }]);
    const { refund: r } = await refund(payment.paymentId, 5_000);
    await setFaults(world, []);
    expect(r.status).toBe('UNKNOWN');
    const held = await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } });
    expect(held.refundHeldValue).toBe(5_000); // still reserved while unknown

    expect(await reconcileRefund(world.deps, r.refundRequestId, { force: true })).toBe(true);
    const settled = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: r.refundRequestId } });
    expect(settled.status).toBe('SUCCESS');
    expect(settled.refundId).toBeTruthy();
    const theirs = (await ledger(world, payment.paymentId)).refunds;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ applied: 1, status: 'SUCCESS' });
  });

  it('a timeout on the first attempt is retried with the same refundRequestId and succeeds', async () => {
    const payment = await createPayment(world, { amountValue: 20_000, method: 'KAKAOPAY', currency: 'KRW' });
    await setFaults(world, [{ fault: 'drop', count: 1, apis: ['refund.online'] }]);
    const { refund: r } = await refund(payment.paymentId, 5_000);
    await setFaults(world, []);
    expect(r.status).toBe('SUCCESS');
    const calls = await world.db.antomCall.findMany({
      where: { refundRequestId: r.refundRequestId },
      orderBy: { startedAt: 'asc' },
    });
    expect(calls.map((c) => c.outcome)).toEqual(['UNKNOWN', 'SUCCESS']);
    expect(new Set(calls.map((c) => JSON.parse(c.requestBody).refundRequestId))).toEqual(new Set([r.refundRequestId]));
    expect((await ledger(world, payment.paymentId)).refunds[0]).toMatchObject({ received: 2, applied: 1 });
  });

  it('a card refund goes PROCESSING, then SUCCESS when the notification arrives', async () => {
    const payment = await createPayment(world, { amountValue: 9_900, method: 'CARD', currency: 'USD' });
    const { refund: r } = await refund(payment.paymentId, 9_900);
    expect(r.status).toBe('PROCESSING');
    await eventually('the notification to settle the refund', async () => {
      const now = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: r.refundRequestId } });
      return now.status === 'SUCCESS';
    });
    const notes = await world.db.notification.findMany({ where: { refundRequestId: r.refundRequestId } });
    expect(notes.map((n) => [n.signatureVerdict, n.outcome])).toEqual([['VALID', 'APPLIED']]);
  });

  it('an in-store refund sends the reserved amount and allows one refund in flight per payment', async () => {
    const payment = await createPayment(world, {
      amountValue: 50_000,
      method: 'CARD',
      currency: 'CNY',
      channel: 'IN_STORE',
    });
    const { refund: first } = await refund(payment.paymentId, 10_000);
    expect(first.status).toBe('PROCESSING');
    await expect(refund(payment.paymentId, 10_000)).rejects.toThrow(/one refund in progress/);
    await eventually(
      'the first refund to finish',
      async () =>
        (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: first.refundRequestId } })).status ===
        'SUCCESS',
    );
    const { refund: second } = await refund(payment.paymentId);
    expect(second.amountValue).toBe(40_000);
  });

  it('an in-store refund of the whole payment goes without an amount (v2: an amount means partial), so full-only methods refund', async () => {
    const payment = await createPayment(world, {
      amountValue: 3_000,
      method: 'PAYPAY',
      currency: 'USD',
      channel: 'IN_STORE',
    });
    // The sandbox plays Antom's rule: an amount, even the whole payment's, is a partial refund.
    const strict = await world.deps.antom.refund({
      channel: 'IN_STORE',
      refundRequestId: `STRICT_${payment.paymentId}`,
      paymentId: payment.paymentId,
      amount: { value: 3_000, currency: 'USD' },
    });
    expect(strict).toMatchObject({ outcome: 'FAILURE', code: 'DPOS_REFUND_PARTIAL_REFUND_NOT_SUPPORTED' });

    const { refund: full } = await refund(payment.paymentId);
    expect(full).toMatchObject({ status: 'SUCCESS', amountValue: 3_000 });
    const [call] = await world.db.antomCall.findMany({
      where: { refundRequestId: full.refundRequestId, operation: 'REFUND' },
    });
    expect(JSON.parse(call!.requestBody)).not.toHaveProperty('refundAmount');
    const theirs = (await ledger(world, payment.paymentId)).refunds.filter((r) => r.accepted);
    expect(theirs.map((r) => r.amountValue)).toEqual([3_000]);
  });

  it('a partial in-store refund still names its amount, as a JSON number', async () => {
    const payment = await createPayment(world, { amountValue: 8_000, method: 'ALIPAY_HK', channel: 'IN_STORE' });
    const { refund: part } = await refund(payment.paymentId, 2_500);
    expect(part.status).toBe('SUCCESS');
    const [call] = await world.db.antomCall.findMany({
      where: { refundRequestId: part.refundRequestId, operation: 'REFUND' },
    });
    // /v2 types Amount.value as Integer (seed 001): a JSON number, where /v1 sends a string.
    expect(JSON.parse(call!.requestBody).refundAmount).toEqual({ value: 2_500, currency: 'USD' });
  });
});
