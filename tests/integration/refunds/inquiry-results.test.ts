import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxAdmin } from '../../../sandbox';
import { initiateRefund } from '../../../lib/refunds/initiate';
import { reconcileRefund } from '../../../lib/refunds/reconcile';
import { createPayment, key, setFaults, startWorld, type World } from './harness';

// inquiryRefund answers "the inquiry worked" (result SUCCESS) whatever the refund's state; the refund's
// recorded result must describe the refund, or a refund in process would read "Success, no action".
let world: World;
beforeAll(async () => {
  world = await startWorld({ asyncDelayMs: 600_000 });
});
afterAll(async () => {
  await world.stop();
});

describe('what a status check records about the refund', () => {
  it('in process: REFUND_IN_PROCESS (wait), never the inquiry own SUCCESS', async () => {
    const payment = await createPayment(world, { amountValue: 5_000, method: 'CARD' });
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 1_000, idempotencyKey: key() },
      world.actor,
    );
    expect(refund).toMatchObject({ status: 'PROCESSING' });
    await reconcileRefund(world.deps, refund.refundRequestId, { force: true });
    const checked = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } });
    expect(checked).toMatchObject({
      status: 'PROCESSING',
      resultCode: 'REFUND_IN_PROCESS',
      resultStatus: 'U',
      antomStatus: 'PROCESSING',
    });
    expect(checked.checkAttempts).toBeGreaterThan(0);
    // Asked by refundId alone, the call is still filed under the refund (its timeline shows it).
    const calls = await world.db.antomCall.findMany({
      where: { refundRequestId: refund.refundRequestId, operation: 'INQUIRY_REFUND' },
    });
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.requestBody)).toEqual({ refundId: checked.refundId });
  });

  it('failed, learnt by inquiry (the notification lost): FAILED with no success words', async () => {
    const payment = await createPayment(world, { amountValue: 5_000, method: 'CARD' });
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 2_000, idempotencyKey: key() },
      world.actor,
    );
    await setFaults(world, [{ fault: 'notifyLost', count: 1 }]);
    await sandboxAdmin(world.sandbox.url).finalizeRefund(refund.refundRequestId, 'FAILED');
    await reconcileRefund(world.deps, refund.refundRequestId, { force: true });
    const checked = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } });
    expect(checked).toMatchObject({ status: 'FAILED', resultCode: null, resultStatus: 'F' });
    expect(checked.resultMessage).toMatch(/failed/);
    await setFaults(world, []);
  });
});
