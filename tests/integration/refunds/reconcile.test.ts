import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeResultCode } from '../../../lib/format/result-code';
import { reconcileDue, reconcileRefund } from '../../../lib/refunds/reconcile';
import { initiateRefund, reserveRefund } from '../../../lib/refunds/initiate';
import { createPayment, key, ledger, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.stop();
});

describe('reconciliation', () => {
  it('a process killed between reserving and calling Antom: the reconciler sends it once, after a grace period', async () => {
    const payment = await createPayment(world, { amountValue: 12_000, method: 'ALIPAY_CN', currency: 'CNY' });
    const idempotencyKey = key();
    // A real process reserves the refund and is killed (SIGKILL) before it can call Antom.
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tests/integration/refunds/reserve-then-die.ts',
        payment.paymentId,
        '4000',
        idempotencyKey,
        world.actor.id,
      ],
      {
        env: { ...process.env },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.signal).toBe('SIGKILL');
    const reserved = await world.db.refund.findUniqueOrThrow({ where: { idempotencyKey } });
    expect(reserved).toMatchObject({ status: 'CREATED', submitAttempts: 0, amountValue: 4_000 });
    expect(
      (await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).refundHeldValue,
    ).toBe(4_000);

    // Within the grace period the reconciler leaves it alone (the original request may still send it).
    await world.db.refund.update({
      where: { refundRequestId: reserved.refundRequestId },
      data: { nextCheckAt: new Date() },
    });
    await reconcileRefund(world.deps, reserved.refundRequestId);
    expect((await ledger(world, payment.paymentId)).refunds).toHaveLength(0);

    // After it, the reconciler claims and sends it: exactly one call.
    await world.db.refund.update({
      where: { refundRequestId: reserved.refundRequestId },
      data: { createdAt: new Date(Date.now() - 60_000), nextCheckAt: new Date() },
    });
    await Promise.all([
      reconcileRefund(world.deps, reserved.refundRequestId),
      reconcileRefund(world.deps, reserved.refundRequestId),
    ]);
    const done = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: reserved.refundRequestId } });
    expect(done).toMatchObject({ status: 'SUCCESS', submitAttempts: 1 });
    expect((await ledger(world, payment.paymentId)).refunds).toMatchObject([{ received: 1, applied: 1 }]);
    expect(
      await world.db.antomCall.count({ where: { refundRequestId: reserved.refundRequestId, operation: 'REFUND' } }),
    ).toBe(1);
  });

  it('ORDER_NOT_EXIST four times (the first answer and three retries, 15 s apart): never reached Antom, FAILED and released', async () => {
    const payment = await createPayment(world, { amountValue: 8_000, method: 'ALIPAY_CN' });
    const { refundRequestId } = await reserveRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 8_000, idempotencyKey: key() },
      world.actor,
    );
    // As if it was sent but never arrived: Antom has no record of it.
    await world.db.refund.update({ where: { refundRequestId }, data: { submitAttempts: 1, status: 'UNKNOWN' } });
    for (let i = 1; i <= 3; i++) {
      await reconcileRefund(world.deps, refundRequestId, { force: true });
      const r = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
      expect(r).toMatchObject({ status: 'UNKNOWN', notFoundCount: i });
      expect(r.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(14_000);
    }
    await reconcileRefund(world.deps, refundRequestId, { force: true });
    const failed = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    // In our own words: never reached Antom, nothing refunded, free again (not "check the paymentId").
    expect(failed).toMatchObject({ status: 'FAILED', resultCode: 'NEVER_REACHED_ANTOM', resultStatus: null });
    expect(
      describeResultCode({ code: failed.resultCode, resultStatus: failed.resultStatus, channel: 'ONLINE' }),
    ).toMatchObject({
      kind: 'NEW_REQUEST',
      meaning: expect.stringMatching(/never reached Antom.*Nothing was refunded.*refunded again/),
    });
    expect(
      (await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).refundHeldValue,
    ).toBe(0);
  });

  it.each([
    ['an online refund Antom gave a refundId', 'ONLINE' as const, 'PROCESSING' as const, 'ORDER_NOT_EXIST'],
    [
      'an in-store refund in process at Antom',
      'IN_STORE' as const,
      'PROCESSING' as const,
      'DPOS_PAYMENT_ORDER_NOT_EXIST',
    ],
    [
      'an in-store refund whose outcome we do not know',
      'IN_STORE' as const,
      'UNKNOWN' as const,
      'DPOS_PAYMENT_ORDER_NOT_EXIST',
    ],
  ])(
    'ORDER_NOT_EXIST for %s never fails it: the amount stays held and a person is asked to look',
    async (_story, channel, status, code) => {
      const payment = await createPayment(world, {
        amountValue: 6_000,
        method: channel === 'IN_STORE' ? 'ALIPAY_HK' : 'ALIPAY_CN',
        channel,
      });
      const { refundRequestId } = await reserveRefund(
        world.deps,
        { paymentId: payment.paymentId, amountValue: 6_000, idempotencyKey: key() },
        world.actor,
      );
      // Antom acknowledged it (it gave this refundId), but its status check finds no such refund.
      await world.db.refund.update({
        where: { refundRequestId },
        data: { submitAttempts: 1, status, refundId: `RID_NOT_AT_SANDBOX_${refundRequestId}` },
      });
      for (let i = 1; i <= 6; i++) await reconcileRefund(world.deps, refundRequestId, { force: true });
      const r = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
      expect(r).toMatchObject({ status, resultCode: code });
      expect(r.attentionReason).toMatch(/accepted.*amount stays held/);
      expect(
        (await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).refundHeldValue,
      ).toBe(6_000);
      expect(await world.db.antomCall.count({ where: { refundRequestId, operation: 'INQUIRY_REFUND' } })).toBe(6);
    },
  );

  it('an in-store refund Antom holds differently (REPEAT_REQ_INCONSISTENT, no refundId) is resent once, then waits for a person', async () => {
    const payment = await createPayment(world, { amountValue: 5_000, method: 'ALIPAY_HK', channel: 'IN_STORE' });
    const { refundRequestId } = await reserveRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 2_000, idempotencyKey: key() },
      world.actor,
    );
    // Antom already holds a refund under this id with another amount (sent by another tool, say).
    await world.deps.antom.refund({
      channel: 'IN_STORE',
      refundRequestId,
      paymentId: payment.paymentId,
      amount: { value: 1_000, currency: 'USD' },
    });
    // Our own send's answer was lost: no refundId to ask about, so the reconciler resends.
    await world.db.refund.update({ where: { refundRequestId }, data: { submitAttempts: 1, status: 'UNKNOWN' } });
    const sends = () => world.db.antomCall.count({ where: { refundRequestId, operation: 'REFUND' } });
    const before = await sends();
    await reconcileRefund(world.deps, refundRequestId, { force: true });
    const flagged = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    expect(flagged).toMatchObject({ status: 'UNKNOWN', resultCode: 'DPOS_PAYMENT_REPEAT_REQ_INCONSISTENT' });
    expect(flagged.attentionReason).toMatch(/different request/);
    expect(await sends()).toBe(before + 1);

    // The background checks do not send the same body again, cycle after cycle.
    for (let i = 0; i < 3; i++) {
      await world.db.refund.update({ where: { refundRequestId }, data: { nextCheckAt: new Date(Date.now() - 1_000) } });
      await reconcileRefund(world.deps, refundRequestId);
    }
    expect(await sends()).toBe(before + 1);
    const waiting = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    expect(waiting).toMatchObject({ status: 'UNKNOWN', nextCheckAt: null });
    expect(waiting.attentionReason).toMatch(/contact Antom support/);
    expect(
      (await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).refundHeldValue,
    ).toBe(2_000);
    await reconcileDue(world.deps); // the worker's sweep: it does not pick a refund waiting for a person
    expect(await sends()).toBe(before + 1);
  });

  it('an online refund Antom throttled (U, "call the refund API to retry") is resent with the same id until Antom takes it, never concluded lost', async () => {
    const payment = await createPayment(world, { amountValue: 7_000, method: 'ALIPAY_CN' });
    const throttled = [{ fault: 'trafficLimit' as const, count: 3, apis: ['refund.online' as const] }];
    await setFaults(world, throttled);
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 7_000, idempotencyKey: key() },
      world.actor,
    );
    expect(refund).toMatchObject({ status: 'UNKNOWN', resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT', resultStatus: 'U' });
    const { refundRequestId } = refund;
    const count = (operation: 'REFUND' | 'INQUIRY_REFUND') =>
      world.db.antomCall.count({ where: { refundRequestId, operation } });

    // Still throttled at the first background check: sent again, still unknown, the amount held.
    await setFaults(world, throttled);
    await reconcileRefund(world.deps, refundRequestId, { force: true });
    expect(await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } })).toMatchObject({
      status: 'UNKNOWN',
      resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT',
      notFoundCount: 0,
    });
    expect(await count('REFUND')).toBe(6);

    // Antom takes it at the next one: the same refund, once.
    await setFaults(world, []);
    await reconcileRefund(world.deps, refundRequestId, { force: true });
    expect(await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } })).toMatchObject({
      status: 'SUCCESS',
    });
    expect(await count('REFUND')).toBe(7);
    expect(await count('INQUIRY_REFUND')).toBe(0);
    const theirs = (await ledger(world, payment.paymentId)).refunds;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ refundRequestId, applied: 1 });
  });

  it('an in-store refund applied at Antom whose resend is refused (traffic limit F) stays held, then settles SUCCESS, never FAILED', async () => {
    // Found by the fault campaign (seed 42): FAILED here while Antom had refunded it.
    const payment = await createPayment(world, { amountValue: 9_000, method: 'KAKAOPAY', channel: 'IN_STORE' });
    await setFaults(world, [{ fault: 'unsigned', count: 1, apis: ['refund.inStore'] }]);
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 4_000, idempotencyKey: key() },
      world.actor,
    );
    // Applied at Antom, but its answer carried no signature: unknown, and no refundId to ask about.
    expect(refund).toMatchObject({ status: 'UNKNOWN', refundId: null });
    const { refundRequestId } = refund;

    await setFaults(world, [{ fault: 'trafficLimit', count: 1, apis: ['refund.inStore'] }]);
    await reconcileRefund(world.deps, refundRequestId, { force: true });
    expect(await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } })).toMatchObject({
      status: 'UNKNOWN',
      resultCode: 'DPOS_REFUND_REQUEST_TRAFFIC_EXCEED_LIMIT',
    });
    expect(
      (await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).refundHeldValue,
    ).toBe(4_000);

    await setFaults(world, []);
    await reconcileRefund(world.deps, refundRequestId, { force: true });
    expect(await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } })).toMatchObject({
      status: 'SUCCESS',
    });
    const theirs = (await ledger(world, payment.paymentId)).refunds;
    expect(theirs).toMatchObject([{ refundRequestId, applied: 1 }]);
  });

  it('only due refunds are checked, and a final refund is never touched again', async () => {
    const payment = await createPayment(world, { amountValue: 1_000 });
    const { refundRequestId } = await reserveRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 1_000, idempotencyKey: key() },
      world.actor,
    );
    await world.db.refund.update({
      where: { refundRequestId },
      data: { nextCheckAt: new Date(Date.now() + 3_600_000) },
    });
    expect(await reconcileRefund(world.deps, refundRequestId)).toBe(false);
    await world.db.refund.update({ where: { refundRequestId }, data: { status: 'FAILED' } });
    expect(await reconcileRefund(world.deps, refundRequestId, { force: true })).toBe(false);
    expect(await reconcileDue(world.deps)).toBeGreaterThanOrEqual(0);
  });
});
