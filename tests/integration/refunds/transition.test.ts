// refund_transition (SQL) as transitionRefund drives it: the state machine's conditional move, the
// columns it sets or keeps, the audit entry, and the payment's held and refunded values kept by the
// triggers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveRefund } from '../../../lib/refunds/initiate';
import { transitionRefund } from '../../../lib/refunds/transition';
import { createPayment, key, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.stop();
});

async function reservedRefund(amountValue = 1_500) {
  const payment = await createPayment(world, { amountValue: 5_000, currency: 'USD', method: 'ALIPAY_CN' });
  const { refundRequestId } = await reserveRefund(
    world.deps,
    { paymentId: payment.paymentId, amountValue, idempotencyKey: key() },
    world.actor,
  );
  return { refundRequestId, paymentId: payment.paymentId };
}

const statusAudits = (refundRequestId: string) =>
  world.db.auditLog.findMany({
    where: { refundRequestId, action: 'refund.status_changed' },
    select: { details: true, actorType: true, paymentId: true },
  });

describe('transitionRefund (refund_transition)', () => {
  it('moves only from a state that leads to the target, auditing each move with the state it left', async () => {
    const { refundRequestId, paymentId } = await reservedRefund();
    const later = new Date(Date.now() + 60_000);
    expect(
      await transitionRefund(world.db, refundRequestId, {
        to: 'UNKNOWN',
        cause: 'ANTOM_RESPONSE',
        resultCode: 'UNKNOWN_EXCEPTION',
        resultStatus: 'U',
        nextCheckAt: later,
        attentionReason: 'checking',
      }),
    ).toEqual({ changed: true, from: 'CREATED' });
    let row = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    expect(row).toMatchObject({
      status: 'UNKNOWN',
      resultCode: 'UNKNOWN_EXCEPTION',
      resultStatus: 'U',
      attentionReason: 'checking',
      finalizedAt: null,
    });
    expect(row.nextCheckAt?.getTime()).toBe(later.getTime());

    // PROCESSING never becomes UNKNOWN, and the same move twice changes nothing the second time.
    expect(
      await transitionRefund(world.db, refundRequestId, {
        to: 'PROCESSING',
        cause: 'RECONCILER',
        refundId: `R${refundRequestId.slice(-12)}`,
      }),
    ).toEqual({ changed: true, from: 'UNKNOWN' });
    expect(await transitionRefund(world.db, refundRequestId, { to: 'UNKNOWN', cause: 'RECONCILER' })).toEqual({
      changed: false,
      current: 'PROCESSING',
    });
    row = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    // Absent fields keep their value; the next check is the one given, or none.
    expect(row).toMatchObject({
      status: 'PROCESSING',
      resultCode: 'UNKNOWN_EXCEPTION',
      attentionReason: 'checking',
      nextCheckAt: null,
    });

    const refundedAt = new Date('2026-11-30T10:00:00.123Z');
    expect(
      await transitionRefund(world.db, refundRequestId, {
        to: 'SUCCESS',
        cause: 'NOTIFICATION',
        resultCode: 'SUCCESS',
        refundedAt,
      }),
    ).toEqual({ changed: true, from: 'PROCESSING' });
    // Final: nothing moves it again, not even to the other final state.
    expect(await transitionRefund(world.db, refundRequestId, { to: 'FAILED', cause: 'RECONCILER' })).toEqual({
      changed: false,
      current: 'SUCCESS',
    });
    expect(await transitionRefund(world.db, refundRequestId, { to: 'SUCCESS', cause: 'RECONCILER' })).toEqual({
      changed: false,
      current: 'SUCCESS',
    });
    row = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    expect(row).toMatchObject({
      status: 'SUCCESS',
      resultCode: 'SUCCESS',
      attentionReason: null,
      nextCheckAt: null,
      refundedAt,
    });
    expect(row.finalizedAt).not.toBeNull();

    // Three moves, which may share a millisecond: compared as a set, not by time.
    const audits = await statusAudits(refundRequestId);
    expect(audits).toHaveLength(3);
    expect(audits.map((a) => ({ ...(a.details as object), actor: a.actorType }))).toEqual(
      expect.arrayContaining([
        { from: 'CREATED', to: 'UNKNOWN', cause: 'ANTOM_RESPONSE', resultCode: 'UNKNOWN_EXCEPTION', actor: 'ANTOM' },
        { from: 'UNKNOWN', to: 'PROCESSING', cause: 'RECONCILER', resultCode: null, actor: 'SYSTEM' },
        { from: 'PROCESSING', to: 'SUCCESS', cause: 'NOTIFICATION', resultCode: 'SUCCESS', actor: 'ANTOM' },
      ]),
    );
    expect(audits.every((a) => a.paymentId === paymentId)).toBe(true);
    const payment = await world.db.payment.findUniqueOrThrow({ where: { paymentId } });
    expect([payment.refundHeldValue, payment.refundedValue]).toEqual([1_500, 1_500]);
  });

  it('FAILED releases the held amount; concurrent moves of one refund make exactly one transition', async () => {
    const { refundRequestId, paymentId } = await reservedRefund(2_000);
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        transitionRefund(world.db, refundRequestId, { to: 'FAILED', cause: 'RECONCILER' }),
      ),
      ...Array.from({ length: 4 }, () =>
        transitionRefund(world.db, refundRequestId, { to: 'SUCCESS', cause: 'NOTIFICATION' }),
      ),
    ]);
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const row = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
    expect(results.filter((r) => !r.changed).every((r) => !r.changed && r.current === row.status)).toBe(true);
    expect(await statusAudits(refundRequestId)).toHaveLength(1);
    const payment = await world.db.payment.findUniqueOrThrow({ where: { paymentId } });
    expect([payment.refundHeldValue, payment.refundedValue]).toEqual(row.status === 'FAILED' ? [0, 0] : [2_000, 2_000]);
  });

  it('a refund that does not exist: nothing changes, nothing is audited', async () => {
    expect(await transitionRefund(world.db, 'RF_NO_SUCH_REFUND', { to: 'SUCCESS', cause: 'NOTIFICATION' })).toEqual({
      changed: false,
      current: null,
    });
    expect(await world.db.auditLog.count({ where: { refundRequestId: 'RF_NO_SUCH_REFUND' } })).toBe(0);
  });
});
