import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initiateRefund } from '../../../lib/refunds/initiate';
import { startRefundWorker } from '../../../lib/refunds/worker';
import { refreshPayment } from '../../../lib/payments/refresh';
import { reconcileRefund } from '../../../lib/refunds/reconcile';
import { createPayment, eventually, key, ledger, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld({ asyncDelayMs: 60_000 });
});
afterAll(async () => {
  await world.stop();
});

describe('the background worker', () => {
  it(
    'two workers on the same database settle unknown refunds by themselves, each refund once',
    { timeout: 60_000 },
    async () => {
      const payments = await Promise.all(
        Array.from({ length: 4 }, () => createPayment(world, { amountValue: 10_000, method: 'ALIPAY_CN' })),
      );
      await setFaults(world, [{ fault: 'timeout', count: 12, apis: ['refund.online'] }]);
      const refunds = [];
      for (const p of payments)
        refunds.push(
          (
            await initiateRefund(
              world.deps,
              { paymentId: p.paymentId, amountValue: 2_500, idempotencyKey: key() },
              world.actor,
            )
          ).refund,
        );
      await setFaults(world, []);
      expect(refunds.map((r) => r.status)).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
      const ids = refunds.map((r) => r.refundRequestId);
      await world.db.refund.updateMany({ where: { refundRequestId: { in: ids } }, data: { nextCheckAt: new Date() } });

      const url = process.env.DATABASE_URL!;
      const workers = await Promise.all([
        startRefundWorker(world.deps, { databaseUrl: url, sweepEveryMs: 200 }),
        startRefundWorker(world.deps, { databaseUrl: url, sweepEveryMs: 200 }),
      ]);
      try {
        await eventually(
          'the workers to settle every refund',
          async () =>
            (await world.db.refund.count({ where: { refundRequestId: { in: ids }, status: 'SUCCESS' } })) === 4,
          30_000,
        );
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
      for (const p of payments)
        expect((await ledger(world, p.paymentId)).refunds).toMatchObject([{ applied: 1, status: 'SUCCESS' }]);
    },
  );

  it('flags a refund still open long after it was asked for', async () => {
    const payment = await createPayment(world, { amountValue: 3_000, method: 'CARD' });
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 3_000, idempotencyKey: key() },
      world.actor,
    );
    expect(refund.status).toBe('PROCESSING');
    await world.db.refund.update({
      where: { refundRequestId: refund.refundRequestId },
      data: { createdAt: new Date(Date.now() - 45 * 60_000) },
    });
    await reconcileRefund(world.deps, refund.refundRequestId, { force: true });
    const after = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } });
    expect(after.status).toBe('PROCESSING');
    expect(after.attentionReason).toMatch(/No final result 30 minutes after/);
  });
});

describe('refreshing an in-store payment from Antom', () => {
  it('updates its status and imports one we did not have', async () => {
    const payment = await createPayment(world, {
      amountValue: 1_500,
      channel: 'IN_STORE',
      method: 'ALIPAY_HK',
      currency: 'HKD',
    });
    await world.db.payment.update({ where: { paymentId: payment.paymentId }, data: { status: 'PROCESSING' } });
    const refreshed = await refreshPayment(world.deps, payment.paymentRequestId, world.actor.id);
    expect(refreshed).toMatchObject({ ok: true, status: 'SUCCESS', imported: false, changed: true });
    expect((await world.db.payment.findUniqueOrThrow({ where: { paymentId: payment.paymentId } })).status).toBe(
      'SUCCESS',
    );

    // A payment only Antom knows about (taken on a terminal while the dashboard was down).
    const other = await createPayment(world, {
      amountValue: 2_000,
      channel: 'IN_STORE',
      method: 'CARD',
      currency: 'HKD',
    });
    await world.db.payment.delete({ where: { paymentId: other.paymentId } });
    const imported = await refreshPayment(world.deps, other.paymentRequestId, world.actor.id);
    expect(imported).toMatchObject({ ok: true, imported: true });
    expect(await world.db.payment.findUniqueOrThrow({ where: { paymentId: other.paymentId } })).toMatchObject({
      amountValue: 2_000,
      currency: 'HKD',
      channel: 'IN_STORE',
    });

    const missing = await refreshPayment(world.deps, 'NO_SUCH_REQUEST', world.actor.id);
    expect(missing.ok).toBe(false);
  });
});
