// The refund engine's front door (lib/refunds/index.ts), as the app's server actions call it: a
// merchant's staff types amounts, presses "check status now" and "retry", refreshes in-store
// payments. Real PostgreSQL, a real Antom sandbox over HTTP with injected faults; nothing mocked.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Forbidden, type Actor } from '../../../lib/auth/roles';
import { UserFacingError } from '../../../lib/errors';
import {
  checkRefundStatus,
  importPayment,
  refreshPayment,
  RefundRefused,
  refundPayment,
  retryRefund,
  type RefundRow,
} from '../../../lib/refunds';
import { createPayment, eventually, key, ledger, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.stop();
});

const refundRow = (refundRequestId: string) => world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
const paymentRow = (paymentId: string) => world.db.payment.findUniqueOrThrow({ where: { paymentId } });
const auditOf = (where: { actorId?: string; paymentId?: string; refundRequestId?: string; action?: string }) =>
  world.db.auditLog.findMany({ where, orderBy: { at: 'asc' } });

/** A refund whose answer never came back: every attempt of the refund call times out after Antom applied it. */
async function unknownRefund(): Promise<{ paymentId: string; refund: RefundRow }> {
  const payment = await createPayment(world, { amountValue: 10_000, currency: 'USD', method: 'ALIPAY_CN' });
  const attempts = world.deps.antom.config.maxRetries + 1;
  await setFaults(world, [{ fault: 'timeout', count: attempts, apis: ['refund.online'] }]);
  let refund: RefundRow;
  try {
    ({ refund } = await refundPayment(world.deps, world.actor, {
      paymentId: payment.paymentId,
      amountText: '25.00',
      idempotencyKey: key(),
    }));
  } finally {
    await setFaults(world, []);
  }
  expect(refund.status).toBe('UNKNOWN');
  return { paymentId: payment.paymentId, refund };
}

describe('a merchant refunds from the payment page, through the front door', () => {
  describe('typing the amount', () => {
    it('the refunder types "12.50" on a USD payment and exactly 1250 cents go back to the customer', async () => {
      const payment = await createPayment(world, { amountValue: 5_000, currency: 'USD' });
      const { refund, created } = await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '12.50',
        idempotencyKey: key(),
      });

      expect(created).toBe(true);
      expect(refund).toMatchObject({
        paymentId: payment.paymentId,
        amountValue: 1_250,
        currency: 'USD',
        status: 'SUCCESS',
      });
      expect((await paymentRow(payment.paymentId)).refundHeldValue).toBe(1_250);
      const theirs = (await ledger(world, payment.paymentId)).refunds;
      expect(theirs.map((r) => [r.refundRequestId, r.amountValue, r.currency])).toEqual([
        [refund.refundRequestId, 1_250, 'USD'],
      ]);
    });

    it('on a JPY payment "10" refunds 10 yen, but "10.5" is refused for its decimal places and reserves nothing', async () => {
      const payment = await createPayment(world, { amountValue: 10_000, currency: 'JPY' });
      const { refund: whole } = await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '10',
        idempotencyKey: key(),
      });
      expect(whole).toMatchObject({ amountValue: 10, currency: 'JPY', status: 'SUCCESS' });

      const refused = refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '10.5',
        idempotencyKey: key(),
      });
      await expect(refused).rejects.toBeInstanceOf(RefundRefused);
      await expect(refused).rejects.toMatchObject({ code: 'AMOUNT', message: expect.stringMatching(/decimal places/) });

      const rows = await world.db.refund.findMany({ where: { paymentId: payment.paymentId } });
      expect(rows.map((r) => r.refundRequestId)).toEqual([whole.refundRequestId]);
      expect((await paymentRow(payment.paymentId)).refundHeldValue).toBe(10);
      expect((await ledger(world, payment.paymentId)).refunds).toHaveLength(1);
    });

    it('on a KWD payment (three decimals) "12.345" refunds 12345 fils', async () => {
      const payment = await createPayment(world, { amountValue: 50_000, currency: 'KWD' });
      const { refund } = await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '12.345',
        idempotencyKey: key(),
      });
      expect(refund).toMatchObject({ amountValue: 12_345, currency: 'KWD', status: 'SUCCESS' });
      expect((await paymentRow(payment.paymentId)).refundHeldValue).toBe(12_345);
    });

    it('leaving the amount empty refunds everything still refundable after an earlier partial refund', async () => {
      const payment = await createPayment(world, { amountValue: 9_000, currency: 'USD' });
      await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '20',
        idempotencyKey: key(),
      });
      const { refund: rest } = await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        idempotencyKey: key(),
      });

      expect(rest).toMatchObject({ amountValue: 7_000, status: 'SUCCESS' });
      const row = await paymentRow(payment.paymentId);
      expect([row.refundHeldValue, row.refundedValue]).toEqual([9_000, 9_000]);
    });

    it('giving the amount twice (typed and in minor units) is refused as INVALID and reserves nothing', async () => {
      const payment = await createPayment(world, { amountValue: 5_000, currency: 'USD' });
      const refused = refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '12.50',
        amountValue: 1_250,
        idempotencyKey: key(),
      });
      await expect(refused).rejects.toBeInstanceOf(RefundRefused);
      await expect(refused).rejects.toMatchObject({ code: 'INVALID' });

      expect(await world.db.refund.count({ where: { paymentId: payment.paymentId } })).toBe(0);
      expect((await paymentRow(payment.paymentId)).refundHeldValue).toBe(0);
    });
  });

  it('a viewer can look, but every operation of the front door refuses them with Forbidden and writes nothing', async () => {
    const user = await world.db.user.create({
      data: {
        email: `viewer_${randomBytes(6).toString('hex')}@test.local`,
        name: 'Test Viewer',
        role: 'VIEWER',
        passwordHash: 'x',
      },
      select: { id: true },
    });
    const viewer: Actor = { id: user.id, role: 'VIEWER' };

    // What a viewer could otherwise act on: a payment to refund, a refund whose outcome is unknown
    // (Antom answers again by now), an in-store payment we hold, and one the terminal took that we do not.
    const fresh = await createPayment(world, { amountValue: 5_000, currency: 'USD' });
    const { paymentId: unknownPaymentId, refund: unknown } = await unknownRefund();
    const before = await refundRow(unknown.refundRequestId);
    const callsBefore = await world.db.antomCall.count({ where: { refundRequestId: unknown.refundRequestId } });
    const inStore = await createPayment(world, {
      amountValue: 3_000,
      currency: 'CNY',
      method: 'CARD',
      channel: 'IN_STORE',
    });
    const notHeld = await createPayment(world, {
      amountValue: 3_000,
      currency: 'CNY',
      method: 'CARD',
      channel: 'IN_STORE',
    });
    await world.db.payment.delete({ where: { paymentId: notHeld.paymentId } });
    const unknownRef = { paymentId: unknownPaymentId, refundRequestId: unknown.refundRequestId };

    await expect(
      refundPayment(world.deps, viewer, { paymentId: fresh.paymentId, amountText: '10.00', idempotencyKey: key() }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(checkRefundStatus(world.deps, viewer, unknownRef)).rejects.toBeInstanceOf(Forbidden);
    await expect(retryRefund(world.deps, viewer, unknownRef)).rejects.toBeInstanceOf(Forbidden);
    await expect(refreshPayment(world.deps, viewer, { paymentId: inStore.paymentId })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(
      importPayment(world.deps, viewer, { paymentRequestId: notHeld.paymentRequestId }),
    ).rejects.toBeInstanceOf(Forbidden);

    expect(await world.db.refund.count({ where: { paymentId: fresh.paymentId } })).toBe(0);
    expect(await world.db.refund.count({ where: { requestedById: viewer.id } })).toBe(0);
    expect(await auditOf({ actorId: viewer.id })).toEqual([]);
    // The unknown refund was neither checked nor sent again: still unknown, no call to Antom.
    const after = await refundRow(unknown.refundRequestId);
    expect(after).toMatchObject({
      status: 'UNKNOWN',
      submitAttempts: before.submitAttempts,
      checkAttempts: before.checkAttempts,
    });
    expect(await world.db.antomCall.count({ where: { refundRequestId: unknown.refundRequestId } })).toBe(callsBefore);
    expect(await world.db.payment.findUnique({ where: { paymentId: notHeld.paymentId } })).toBeNull();
  });

  describe('"check status now"', () => {
    it("is refused for another payment's refund, with no audit entry and no call to Antom", async () => {
      const { refund: theirs } = await unknownRefund();
      const mine = await createPayment(world, { amountValue: 5_000, currency: 'USD' });
      const calls = await world.db.antomCall.count({ where: { refundRequestId: theirs.refundRequestId } });

      const refused = checkRefundStatus(world.deps, world.actor, {
        paymentId: mine.paymentId,
        refundRequestId: theirs.refundRequestId,
      });
      await expect(refused).rejects.toBeInstanceOf(UserFacingError);
      await expect(refused).rejects.toThrow('This refund does not belong to this payment.');

      expect(await auditOf({ action: 'refund.check_requested', refundRequestId: theirs.refundRequestId })).toEqual([]);
      expect(await auditOf({ action: 'refund.check_requested', paymentId: mine.paymentId })).toEqual([]);
      expect(await world.db.antomCall.count({ where: { refundRequestId: theirs.refundRequestId } })).toBe(calls);
      expect((await refundRow(theirs.refundRequestId)).status).toBe('UNKNOWN');
    });

    it('on an unknown refund of this payment asks Antom at once, records who asked, and settles it', async () => {
      const { paymentId, refund } = await unknownRefund();
      const ran = await checkRefundStatus(world.deps, world.actor, {
        paymentId,
        refundRequestId: refund.refundRequestId,
      });

      expect(ran).toBe(true);
      const entries = await auditOf({ action: 'refund.check_requested', refundRequestId: refund.refundRequestId });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorType: 'USER',
        actorId: world.actor.id,
        paymentId,
        refundRequestId: refund.refundRequestId,
      });
      const settled = await refundRow(refund.refundRequestId);
      expect(settled.status).toBe('SUCCESS');
      expect(settled.refundId).toBeTruthy();
      expect(
        await world.db.antomCall.count({
          where: { refundRequestId: refund.refundRequestId, operation: 'INQUIRY_REFUND' },
        }),
      ).toBe(1);
    });

    it("once a card refund is settled by Antom's notification, checking again asks nothing and returns false", async () => {
      const payment = await createPayment(world, { amountValue: 9_900, currency: 'USD', method: 'CARD' });
      const { refund } = await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '99.00',
        idempotencyKey: key(),
      });
      expect(refund.status).toBe('PROCESSING');
      await eventually(
        'the notification to settle the card refund',
        async () => (await refundRow(refund.refundRequestId)).status === 'SUCCESS',
      );

      const ran = await checkRefundStatus(world.deps, world.actor, {
        paymentId: payment.paymentId,
        refundRequestId: refund.refundRequestId,
      });
      expect(ran).toBe(false);
      expect(
        await world.db.antomCall.count({
          where: { refundRequestId: refund.refundRequestId, operation: 'INQUIRY_REFUND' },
        }),
      ).toBe(0);
      expect((await refundRow(refund.refundRequestId)).status).toBe('SUCCESS');
    });
  });

  describe('"retry with the same request id"', () => {
    it('is refused for a refund that already succeeded, with no audit entry and no second call', async () => {
      const payment = await createPayment(world, { amountValue: 5_000, currency: 'USD' });
      const { refund } = await refundPayment(world.deps, world.actor, {
        paymentId: payment.paymentId,
        amountText: '5.00',
        idempotencyKey: key(),
      });
      expect(refund.status).toBe('SUCCESS');

      const refused = retryRefund(world.deps, world.actor, {
        paymentId: payment.paymentId,
        refundRequestId: refund.refundRequestId,
      });
      await expect(refused).rejects.toBeInstanceOf(UserFacingError);
      await expect(refused).rejects.toThrow('Only a refund whose outcome is unknown can be sent again.');

      expect(await auditOf({ action: 'refund.retry_requested', refundRequestId: refund.refundRequestId })).toEqual([]);
      expect(
        await world.db.antomCall.count({ where: { refundRequestId: refund.refundRequestId, operation: 'REFUND' } }),
      ).toBe(1);
      expect((await ledger(world, payment.paymentId)).refunds[0]).toMatchObject({ received: 1, applied: 1 });
    });

    it('sends an unknown refund again once Antom answers: recorded, SUCCESS, and still one refund at Antom', async () => {
      const { paymentId, refund } = await unknownRefund(); // faults are cleared by now
      await retryRefund(world.deps, world.actor, { paymentId, refundRequestId: refund.refundRequestId });

      const entries = await auditOf({ action: 'refund.retry_requested', refundRequestId: refund.refundRequestId });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorType: 'USER', actorId: world.actor.id, paymentId });
      const settled = await refundRow(refund.refundRequestId);
      expect(settled).toMatchObject({ refundRequestId: refund.refundRequestId, status: 'SUCCESS', amountValue: 2_500 });
      expect((await paymentRow(paymentId)).refundedValue).toBe(2_500);

      // Every call carried the same refundRequestId, and Antom applied it exactly once.
      const calls = await world.db.antomCall.findMany({
        where: { refundRequestId: refund.refundRequestId, operation: 'REFUND' },
        orderBy: { startedAt: 'asc' },
      });
      expect(calls.at(-1)?.outcome).toBe('SUCCESS');
      expect(new Set(calls.map((c) => JSON.parse(c.requestBody).refundRequestId))).toEqual(
        new Set([refund.refundRequestId]),
      );
      const accepted = (await ledger(world, paymentId)).refunds.filter((r) => r.accepted);
      expect(accepted).toHaveLength(1);
      expect(accepted[0]).toMatchObject({
        refundRequestId: refund.refundRequestId,
        applied: 1,
        received: calls.length,
        status: 'SUCCESS',
      });
    });
  });

  describe('"refresh from Antom"', () => {
    it('is refused for an online payment and for a payment id we do not hold, and records nothing', async () => {
      const online = await createPayment(world, { amountValue: 5_000, currency: 'USD' });
      const refusedOnline = refreshPayment(world.deps, world.actor, { paymentId: online.paymentId });
      await expect(refusedOnline).rejects.toBeInstanceOf(UserFacingError);
      await expect(refusedOnline).rejects.toThrow('Only in-store payments can be refreshed from Antom.');

      const refusedMissing = refreshPayment(world.deps, world.actor, {
        paymentId: `PAY_NO_SUCH_${randomBytes(4).toString('hex')}`,
      });
      await expect(refusedMissing).rejects.toBeInstanceOf(UserFacingError);
      await expect(refusedMissing).rejects.toThrow('There is no payment with this id.');

      expect(await auditOf({ paymentId: online.paymentId })).toEqual([]);
      expect((await paymentRow(online.paymentId)).syncedAt).toBeNull();
    });
  });
});
