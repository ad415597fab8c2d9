// Approvals (issue 16) at the server actions themselves, as a forged request would reach them (no
// page involved): approving asks an approver with a second factor for a fresh code and sends nothing
// without it; a refunder cannot approve; the requester cannot approve their own, even an admin with
// a code; a rejection needs a reason. Real PostgreSQL and a real Antom sandbox.
//
// The waiting refunds are written as refund_reserve writes them, naming a rule version that is no
// longer in force: a rule in force would hold the refunds of every other test file on this database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeAt, createUser, enrol, openSession, TEST_AUTH_SECRET } from './support/two-factor';
import { createPayment, startWorld, type World } from '../integration/refunds/harness';

vi.hoisted(() => {
  process.env.AUTH_SECRET = 'vitest-only-auth-secret-0123456789abcdef';
});
const session = vi.hoisted(() => ({
  current: null as { userId?: string; sessionVersion?: number; sessionId?: string } | null,
}));
const world = vi.hoisted(() => ({ current: null as unknown as World }));
vi.mock('../../lib/auth/auth', () => ({ auth: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('../../lib/refunds/app-deps', () => ({ appEngineDeps: () => world.current.deps }));

const { approveRefundAction, rejectRefundAction } = await import('../../app/(dashboard)/approvals/actions');
const { STEP_UP_WINDOW_MS } = await import('../../lib/auth/step-up');

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const stale = () => new Date(Date.now() - STEP_UP_WINDOW_MS - 60_000);
let ruleVersionId: string;

/** A refund of `requesterId` waiting for approval, its amount held (the trigger), as refund_reserve writes one. */
async function waitingRefund(requesterId: string) {
  const payment = await createPayment(world.current, { amountValue: 50_000, currency: 'USD' });
  const refundRequestId = `RF_TEST_${randomUUID().replaceAll('-', '').slice(0, 24).toUpperCase()}`;
  await world.current.db.refund.create({
    data: {
      refundRequestId,
      paymentId: payment.paymentId,
      amountValue: 40_000,
      currency: 'USD',
      status: 'PENDING_APPROVAL',
      idempotencyKey: `approve_${refundRequestId}`,
      requestedById: requesterId,
      approvalRuleId: ruleVersionId,
      approvalWhy: 'Every refund need a second person’s approval (rule version 1).',
      approvalExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return refundRequestId;
}

const refundOf = (refundRequestId: string) => world.current.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
const sends = (refundRequestId: string) =>
  world.current.db.antomCall.count({ where: { refundRequestId, operation: 'REFUND' } });

async function signInAs(role: 'ADMIN' | 'REFUNDER' | 'APPROVER', prefix: string, withFactor = true) {
  const user = await createUser(world.current.db, role, prefix);
  const secret = withFactor ? (await enrol(world.current.db, user.id)).secret : null;
  const sessionId = await openSession(world.current.db, user.id, {
    secondFactorAt: withFactor ? stale() : null,
    codeAt: withFactor ? stale() : null,
  });
  session.current = { userId: user.id, sessionVersion: 0, sessionId };
  return { ...user, secret };
}

beforeAll(async () => {
  expect(process.env.AUTH_SECRET).toBe(TEST_AUTH_SECRET);
  world.current = await startWorld();
  const closed = new Date();
  const rule = await world.current.db.approvalRule.create({
    data: { ruleId: randomUUID(), version: 1, kind: 'EVERY_REFUND', validFrom: closed, validTo: closed },
  });
  ruleVersionId = rule.id;
}, 60_000);
afterAll(() => world.current.stop());

describe('approving', () => {
  it('asks an approver for a fresh code and sends nothing without it, or with a wrong one; with it, sends once', async () => {
    const requester = await createUser(world.current.db, 'REFUNDER', 'asker');
    const id = await waitingRefund(requester.id);
    const approver = await signInAs('APPROVER', 'approver');
    expect(await approveRefundAction({}, form({ refundRequestId: id }))).toEqual({
      stepUp: true,
      message:
        'Approving sends the refund to Antom: it cannot be pulled back. Enter a code from your authenticator app to confirm.',
    });
    expect(await approveRefundAction({}, form({ refundRequestId: id, stepUpCode: '000000' }))).toMatchObject({
      stepUp: true,
      message: expect.stringMatching(/not right/),
    });
    expect((await refundOf(id)).status).toBe('PENDING_APPROVAL');
    expect(await sends(id)).toBe(0);

    // Done, it leads back to the queue, which says what became of it.
    await expect(
      approveRefundAction({}, form({ refundRequestId: id, stepUpCode: codeAt(approver.secret!) })),
    ).rejects.toMatchObject({ digest: expect.stringContaining(`/approvals?decided=${id}`) });
    expect(await refundOf(id)).toMatchObject({ status: 'SUCCESS', approvedById: approver.id });
    expect(await sends(id)).toBe(1);
    // Again (a double click, a replayed request): refused, nothing sent again.
    expect(await approveRefundAction({}, form({ refundRequestId: id }))).toEqual({
      message: 'This refund no longer waits for approval: someone approved it already (it is now refunded).',
    });
    expect(await sends(id)).toBe(1);
  });

  it('is refused to a refunder, and to the requester even as an admin with a fresh code', async () => {
    const refunder = await signInAs('REFUNDER', 'forger', false);
    const id = await waitingRefund(refunder.id);
    expect(await approveRefundAction({}, form({ refundRequestId: id }))).toEqual({
      message: 'Your role does not allow this.',
    });
    const admin = await signInAs('ADMIN', 'selfapprove');
    const own = await waitingRefund(admin.id);
    expect(await approveRefundAction({}, form({ refundRequestId: own, stepUpCode: codeAt(admin.secret!) }))).toEqual({
      message: 'You asked for this refund: another person must approve it.',
    });
    expect(await rejectRefundAction({}, form({ refundRequestId: own, reason: 'Changed my mind' }))).toEqual({
      message: 'You asked for this refund: another person must decide on it.',
    });
    for (const refundRequestId of [id, own]) {
      expect((await refundOf(refundRequestId)).status).toBe('PENDING_APPROVAL');
      expect(await sends(refundRequestId)).toBe(0);
    }
  });
});

describe('rejecting', () => {
  it('needs a reason; with one, cancels the refund and releases its amount, sending nothing', async () => {
    const requester = await createUser(world.current.db, 'REFUNDER', 'rejected');
    const id = await waitingRefund(requester.id);
    const { paymentId } = await refundOf(id);
    expect((await world.current.db.payment.findUniqueOrThrow({ where: { paymentId } })).refundHeldValue).toBe(40_000);
    const rejecter = await signInAs('APPROVER', 'rejecter');
    expect(await rejectRefundAction({}, form({ refundRequestId: id, reason: ' ' }))).toMatchObject({
      errors: { reason: ['Say why (at least 3 characters): the requester reads it.'] },
    });
    await expect(
      rejectRefundAction({}, form({ refundRequestId: id, reason: 'Not a returned item' })),
    ).rejects.toMatchObject({
      digest: expect.stringContaining(`/approvals?decided=${id}`),
    });
    expect(await refundOf(id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'Not a returned item' });
    expect((await world.current.db.payment.findUniqueOrThrow({ where: { paymentId } })).refundHeldValue).toBe(0);
    expect(await sends(id)).toBe(0);
    expect(await approveRefundAction({}, form({ refundRequestId: id, stepUpCode: codeAt(rejecter.secret!) }))).toEqual({
      message: 'This refund no longer waits for approval: it was rejected, expired or cancelled, and nothing was sent.',
    });
  });
});
