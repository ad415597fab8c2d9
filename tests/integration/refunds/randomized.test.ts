// Many payments, concurrent full and partial refunds, the sandbox misbehaving in every way it can.
// Once the faults stop and the reconciler has run, our books and Antom's must agree to the cent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initiateRefund, RefundRefused } from '../../../lib/refunds/initiate';
import { reconcileDue } from '../../../lib/refunds/reconcile';
import { prng } from '../../campaign/plan';
import { createPayment, key, ledger, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld({ timeoutMs: 400, maxRetries: 1, asyncDelayMs: 100 });
});
afterAll(async () => {
  await world.stop();
});

describe('refunds under faults', () => {
  const seed = Number(process.env.RANDOM_SEED ?? Date.now() % 100_000);

  it(
    `never over-refunds, never refunds twice, and ends agreeing with Antom (seed ${seed})`,
    { timeout: 120_000 },
    async () => {
      const random = prng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      const methods = ['ALIPAY_CN', 'CARD', 'GCASH', 'KAKAOPAY'] as const;
      const payments: Awaited<ReturnType<typeof createPayment>>[] = [];
      for (let i = 0; i < 10; i++) {
        payments.push(
          await createPayment(world, {
            amountValue: 1_000 + Math.floor(random() * 99_000),
            currency: pick(['USD', 'JPY', 'SGD'] as const),
            method: pick(methods),
            channel: random() < 0.3 ? 'IN_STORE' : 'ONLINE',
          }),
        );
      }
      await setFaults(world, [
        { fault: 'timeout', probability: 0.08 },
        { fault: 'drop', probability: 0.08 },
        { fault: 'unknown', probability: 0.08 },
        { fault: 'http5xx', probability: 0.05 },
        { fault: 'badSignature', probability: 0.05 },
        { fault: 'trafficLimit', probability: 0.05 },
        { fault: 'notifyLost', probability: 0.2 },
        { fault: 'notifyDuplicate', probability: 0.3 },
        { fault: 'notifyBadSignature', probability: 0.1 },
      ]);

      const attempts = Array.from({ length: 40 }, () => {
        const p = pick(payments);
        const full = random() < 0.3;
        const amount = full ? undefined : 1 + Math.floor(random() * p.amountValue * 0.5);
        return initiateRefund(
          world.deps,
          { paymentId: p.paymentId, amountValue: amount, idempotencyKey: key() },
          world.actor,
        );
      });
      const settled = await Promise.allSettled(attempts);
      for (const s of settled) if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(RefundRefused);

      // The faults did happen: answers we could not trust, and retries with the same id.
      const ids = (
        await world.db.refund.findMany({
          where: { paymentId: { in: payments.map((p) => p.paymentId) } },
          select: { refundRequestId: true },
        })
      ).map((r) => r.refundRequestId);
      expect(
        await world.db.antomCall.count({ where: { refundRequestId: { in: ids }, outcome: 'UNKNOWN' } }),
      ).toBeGreaterThan(0);

      await setFaults(world, []);
      // The reconciler runs until nothing is open (bounded: a stuck refund fails the test).
      for (let round = 0; round < 40; round++) {
        const open = await world.db.refund.count({
          where: {
            paymentId: { in: payments.map((p) => p.paymentId) },
            status: { in: ['CREATED', 'PROCESSING', 'UNKNOWN'] },
          },
        });
        if (open === 0) break;
        await world.db.refund.updateMany({
          where: { status: { in: ['CREATED', 'PROCESSING', 'UNKNOWN'] } },
          data: { nextCheckAt: new Date(), createdAt: new Date(Date.now() - 60_000) },
        });
        await reconcileDue(world.deps, 500);
        await new Promise((r) => setTimeout(r, 150));
      }

      const ours = await world.db.refund.findMany({ where: { paymentId: { in: payments.map((p) => p.paymentId) } } });
      expect(ours.filter((r) => !['SUCCESS', 'FAILED'].includes(r.status))).toEqual([]);
      const theirs = (await ledger(world)).refunds.filter((r) => payments.some((p) => p.paymentId === r.paymentId));
      for (const p of payments) {
        const row = await world.db.payment.findUniqueOrThrow({ where: { paymentId: p.paymentId } });
        const succeeded = ours.filter((r) => r.paymentId === p.paymentId && r.status === 'SUCCESS');
        const sum = succeeded.reduce((s, r) => s + r.amountValue, 0);
        expect(sum).toBeLessThanOrEqual(p.amountValue);
        expect(row.refundedValue).toBe(sum);
        expect(row.refundHeldValue).toBe(sum);
        const atAntom = theirs.filter((r) => r.paymentId === p.paymentId && r.accepted && r.status === 'SUCCESS');
        expect(atAntom.reduce((s, r) => s + r.amountValue, 0)).toBe(sum);
      }
      expect(theirs.every((r) => r.applied <= 1)).toBe(true);
      // Every refund Antom completed is a SUCCESS here with the same amount, and the other way round.
      const antomSuccess = new Map(
        theirs.filter((r) => r.status === 'SUCCESS').map((r) => [r.refundRequestId, r.amountValue]),
      );
      const ourSuccess = new Map(
        ours.filter((r) => r.status === 'SUCCESS').map((r) => [r.refundRequestId, r.amountValue]),
      );
      expect(ourSuccess).toEqual(antomSuccess);
    },
  );
});
