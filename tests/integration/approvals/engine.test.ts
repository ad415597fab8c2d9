// Four eyes on refunds (issue 16), through the refund engine: which refunds an approval rule holds,
// that a waiting refund holds its amount and never reaches Antom until approved, that the requester
// cannot approve, that two approvers at once send one refund, and that rejected and expired refunds
// release their hold and never reach the sandbox. Real PostgreSQL (a database of this file's own: an
// "every refund" rule would hold every other test's refunds), a real Antom sandbox over HTTP.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../lib/auth/roles';
import { Forbidden } from '../../../lib/auth/roles';
import {
  ApprovalRefused,
  approveRefund,
  cancelUnsentRefund,
  expireWaitingRefunds,
  refundPayment,
  rejectRefund,
  RefundRefused,
} from '../../../lib/refunds';
import { reserveRefund } from '../../../lib/refunds/initiate';
import { removeApprovalRule, setApprovalRule, type RuleInput } from '../../../lib/approvals/rules';
import { applyMigrations } from '../../../tools/db/migrations';
import { createScratchDatabase } from '../../setup/database';
import { createPayment, key, ledger, startWorld, type World } from '../refunds/harness';

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let world: World;
let requester: Actor;
let approver: Actor;
let admin: Actor;
let otherRefunder: Actor & { email: string };

async function user(role: Actor['role'], name: string): Promise<Actor & { email: string }> {
  const u = await world.db.user.create({
    data: {
      email: `${name.replace(/\W/g, '').toLowerCase()}_${randomUUID().slice(0, 8)}@test.local`,
      name,
      role,
      passwordHash: 'x',
    },
    select: { id: true, email: true },
  });
  return { id: u.id, role, email: u.email };
}

beforeAll(async () => {
  scratch = await createScratchDatabase('approvals');
  await applyMigrations(scratch.url);
  world = await startWorld({ databaseUrl: scratch.url });
  requester = world.actor;
  approver = await user('APPROVER', 'Abe Approver');
  admin = await user('ADMIN', 'Ada Admin');
  otherRefunder = await user('REFUNDER', 'Otto Other');
}, 120_000);

afterAll(async () => {
  await world?.stop();
  await scratch?.drop();
});

/** A rule in force from now, set as an admin sets it (lib/approvals/rules.ts). */
async function rule(input: RuleInput) {
  const { rule } = await setApprovalRule(world.db, admin, input);
  return rule;
}

beforeEach(async () => {
  // Every test starts with no rule in force.
  await world.db.approvalRule.updateMany({ where: { validTo: null }, data: { validTo: new Date() } });
});

const refundRow = (refundRequestId: string) => world.db.refund.findUniqueOrThrow({ where: { refundRequestId } });
const heldOf = async (paymentId: string) =>
  (await world.db.payment.findUniqueOrThrow({ where: { paymentId } })).refundHeldValue;
const refundCalls = (refundRequestId: string) =>
  world.db.antomCall.count({ where: { refundRequestId, operation: 'REFUND' } });

async function ask(actor: Actor, amountText: string, currency = 'USD', paymentAmount = 500_000) {
  const payment = await createPayment(world, { amountValue: paymentAmount, currency });
  const { refund } = await refundPayment(world.deps, actor, {
    paymentId: payment.paymentId,
    amountText,
    reason: 'Customer returned the goods',
    idempotencyKey: key(),
  });
  return { payment, refund };
}

describe('which refunds wait for approval', () => {
  it('no rule: a refund is sent at once', async () => {
    const { refund } = await ask(requester, '2000.00');
    expect(refund.status).not.toBe('PENDING_APPROVAL');
    expect(await refundCalls(refund.refundRequestId)).toBe(1);
  });

  it('a currency rule holds refunds above its amount in that currency only', async () => {
    await rule({ kind: 'AMOUNT_ABOVE', currency: 'USD', amountText: '1000.00' });
    const above = await ask(requester, '1000.01');
    const at = await ask(requester, '1000.00');
    const otherCurrency = await ask(requester, '5000.00', 'EUR');
    expect(above.refund.status).toBe('PENDING_APPROVAL');
    expect(above.refund.approvalWhy).toContain('above US$1,000.00');
    expect(at.refund.status).not.toBe('PENDING_APPROVAL');
    expect(otherCurrency.refund.status).not.toBe('PENDING_APPROVAL');
  });

  it('an "every refund" rule holds every refund', async () => {
    await rule({ kind: 'EVERY_REFUND' });
    const small = await ask(otherRefunder, '0.01');
    expect(small.refund.status).toBe('PENDING_APPROVAL');
    expect(small.refund.approvalWhy).toContain('Every refund');
  });

  it('a person rule holds that person’s refunds and nobody else’s', async () => {
    await rule({ kind: 'REQUESTER', email: otherRefunder.email });
    const theirs = await ask(otherRefunder, '1.00');
    const mine = await ask(requester, '1.00');
    expect(theirs.refund.status).toBe('PENDING_APPROVAL');
    expect(theirs.refund.approvalWhy).toContain('Otto Other');
    expect(mine.refund.status).not.toBe('PENDING_APPROVAL');
  });

  it('a rule applies to refunds asked after it changed, not to those asked before', async () => {
    const before = await ask(requester, '3000.00');
    const r = await rule({ kind: 'AMOUNT_ABOVE', currency: 'USD', amountText: '1000.00' });
    const after = await ask(requester, '3000.00');
    expect(before.refund.status).not.toBe('PENDING_APPROVAL');
    expect(after.refund.status).toBe('PENDING_APPROVAL');
    const held = await world.db.approvalRule.findUniqueOrThrow({
      where: { id: (await refundRow(after.refund.refundRequestId)).approvalRuleId! },
    });
    expect({ ruleId: held.ruleId, version: held.version }).toEqual({ ruleId: r.ruleId, version: r.version });
  });
});

describe('a refund waiting for approval', () => {
  it('holds its amount, is never sent, and the database refuses sending it', async () => {
    await rule({ kind: 'EVERY_REFUND' });
    const { payment, refund } = await ask(requester, '4000.00', 'USD', 500_000);
    expect(await heldOf(payment.paymentId)).toBe(400_000);
    // Nobody can refund that money twice while it waits.
    await expect(
      refundPayment(world.deps, requester, {
        paymentId: payment.paymentId,
        amountText: '1000.01',
        idempotencyKey: key(),
      }),
    ).rejects.toThrow(RefundRefused);
    expect(await refundCalls(refund.refundRequestId)).toBe(0);
    expect((await ledger(world, payment.paymentId)).refunds).toEqual([]);
    // Moving it to a sent state, or claiming a send, by hand: refused by the database itself.
    for (const statement of [
      `UPDATE refunds SET status = 'PROCESSING' WHERE refund_request_id = '${refund.refundRequestId}'`,
      `UPDATE refunds SET submit_attempts = 1 WHERE refund_request_id = '${refund.refundRequestId}'`,
      `UPDATE refunds SET status = 'CREATED' WHERE refund_request_id = '${refund.refundRequestId}'`,
      `UPDATE refunds SET status = 'CREATED', approved_by_id = requested_by_id WHERE refund_request_id = '${refund.refundRequestId}'`,
    ])
      await expect(world.db.$executeRawUnsafe(statement), statement).rejects.toThrow(/refunds_approv/);
  });

  it('the requester cannot approve it; another person can, and it is sent with the id it was given', async () => {
    await rule({ kind: 'EVERY_REFUND' });
    // An admin asks; the admin cannot approve their own refund either.
    const { payment, refund } = await ask(admin, '2500.00');
    await expect(approveRefund(world.deps, admin, refund.refundRequestId)).rejects.toMatchObject({
      code: 'OWN_REQUEST',
    });
    await expect(approveRefund(world.deps, requester, refund.refundRequestId)).rejects.toThrow(Forbidden);
    const approved = await approveRefund(world.deps, approver, refund.refundRequestId);
    expect(approved.refundRequestId).toBe(refund.refundRequestId);
    expect(approved.approvedById).toBe(approver.id);
    expect(['SUCCESS', 'PROCESSING']).toContain(approved.status);
    const atAntom = (await ledger(world, payment.paymentId)).refunds;
    expect(atAntom.map((r) => r.refundRequestId)).toEqual([refund.refundRequestId]);
  });

  it('two approvers at once: one approval, one send', async () => {
    await rule({ kind: 'EVERY_REFUND' });
    for (let round = 0; round < 5; round++) {
      const { payment, refund } = await ask(requester, '1500.00');
      const results = await Promise.allSettled([
        approveRefund(world.deps, approver, refund.refundRequestId),
        approveRefund(world.deps, admin, refund.refundRequestId),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ApprovalRefused);
      expect(refused.reason.message).toContain('approved it already');
      expect(await refundCalls(refund.refundRequestId)).toBe(1);
      expect((await ledger(world, payment.paymentId)).refunds).toHaveLength(1);
    }
  });

  it('rejected: cancelled with its reason, hold released, never at the sandbox; approving it then is refused', async () => {
    await rule({ kind: 'EVERY_REFUND' });
    const { payment, refund } = await ask(requester, '4000.00');
    await expect(rejectRefund(world.deps, requester, refund.refundRequestId, 'no')).rejects.toThrow(Forbidden);
    await expect(rejectRefund(world.deps, approver, refund.refundRequestId, ' ')).rejects.toMatchObject({
      code: 'INVALID',
    });
    const rejected = await rejectRefund(world.deps, approver, refund.refundRequestId, 'Goods never came back');
    expect(rejected).toMatchObject({
      status: 'CANCELLED',
      cancelledById: approver.id,
      cancelReason: 'Goods never came back',
    });
    expect(await heldOf(payment.paymentId)).toBe(0);
    await expect(approveRefund(world.deps, admin, refund.refundRequestId)).rejects.toThrow(
      /rejected, expired or cancelled/,
    );
    expect(await refundCalls(refund.refundRequestId)).toBe(0);
    expect((await ledger(world, payment.paymentId)).refunds).toEqual([]);
    const audit = await world.db.auditLog.findMany({ where: { refundRequestId: refund.refundRequestId } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['refund.requested', 'refund.rejected']));
  });

  it('expired: the sweep cancels it and releases the hold; an approval after its time is refused', async () => {
    await rule({ kind: 'EVERY_REFUND' });
    const swept = await ask(requester, '1000.00');
    const late = await ask(requester, '2000.00');
    const fresh = await ask(requester, '3000.00');
    expect(fresh.refund.approvalExpiresAt!.getTime() - Date.now()).toBeGreaterThan(71 * 3_600_000);
    await world.db.refund.updateMany({
      where: { refundRequestId: { in: [swept.refund.refundRequestId, late.refund.refundRequestId] } },
      data: { approvalExpiresAt: new Date(Date.now() - 1_000) },
    });
    await expect(approveRefund(world.deps, approver, late.refund.refundRequestId)).rejects.toMatchObject({
      code: 'EXPIRED',
    });
    expect(await expireWaitingRefunds(world.deps)).toBe(1);
    for (const { payment, refund } of [swept, late]) {
      expect((await refundRow(refund.refundRequestId)).status).toBe('CANCELLED');
      expect(await heldOf(payment.paymentId)).toBe(0);
      expect((await ledger(world, payment.paymentId)).refunds).toEqual([]);
    }
    expect((await refundRow(fresh.refund.refundRequestId)).status).toBe('PENDING_APPROVAL');
    expect(await heldOf(fresh.payment.paymentId)).toBe(300_000);
  });
});

describe('cancelling a refund never sent (a batch cancelled)', () => {
  it('cancels one reserved and not yet sent, and refuses one already sent', async () => {
    const payment = await createPayment(world, { amountValue: 10_000 });
    const reserved = await reserveRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 4_000, idempotencyKey: key() },
      requester,
    );
    expect(await cancelUnsentRefund(world.deps, requester, reserved.refundRequestId, 'Batch cancelled')).toBe(true);
    expect(await heldOf(payment.paymentId)).toBe(0);
    const { refund: sent } = await refundPayment(world.deps, requester, {
      paymentId: payment.paymentId,
      amountValue: 1_000,
      idempotencyKey: key(),
    });
    expect(await cancelUnsentRefund(world.deps, requester, sent.refundRequestId, 'Batch cancelled')).toBe(false);
    // By hand, the database refuses it too: a final one, and one claimed for sending (still CREATED).
    await expect(
      world.db.$executeRawUnsafe(
        `UPDATE refunds SET status = 'CANCELLED' WHERE refund_request_id = '${sent.refundRequestId}'`,
      ),
    ).rejects.toThrow(/cannot become CANCELLED/);
    const claimed = await reserveRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 500, idempotencyKey: key() },
      requester,
    );
    await world.db.$executeRawUnsafe(
      `UPDATE refunds SET submit_attempts = 1 WHERE refund_request_id = '${claimed.refundRequestId}'`,
    );
    expect(await cancelUnsentRefund(world.deps, requester, claimed.refundRequestId, 'Batch cancelled')).toBe(false);
    await expect(
      world.db.$executeRawUnsafe(
        `UPDATE refunds SET status = 'CANCELLED' WHERE refund_request_id = '${claimed.refundRequestId}'`,
      ),
    ).rejects.toThrow(/refunds_cancelled_never_sent/);
  });
});

describe('approval rules, as an admin sets them', () => {
  it('are versioned: a change closes the version in force and writes the next; saving the same changes nothing', async () => {
    const first = await setApprovalRule(world.db, admin, {
      kind: 'AMOUNT_ABOVE',
      currency: 'jpy',
      amountText: '50000',
    });
    expect(first).toMatchObject({ changed: true, rule: { version: 1, currency: 'JPY', amountValue: 50_000 } });
    const again = await setApprovalRule(world.db, admin, {
      kind: 'AMOUNT_ABOVE',
      currency: 'JPY',
      amountText: '50000',
    });
    expect(again.changed).toBe(false);
    const second = await setApprovalRule(world.db, admin, {
      kind: 'AMOUNT_ABOVE',
      currency: 'JPY',
      amountText: '80000',
    });
    expect(second.rule).toMatchObject({ ruleId: first.rule.ruleId, version: 2, amountValue: 80_000 });
    const versions = await world.db.approvalRule.findMany({
      where: { ruleId: first.rule.ruleId },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => [v.version, v.amountValue, v.validTo === null])).toEqual([
      [1, 50_000, false],
      [2, 80_000, true],
    ]);
    // Refunds asked now are held by version 2: 60,000 JPY no longer waits, 80,001 JPY does.
    expect((await ask(requester, '60000', 'JPY', 1_000_000)).refund.status).not.toBe('PENDING_APPROVAL');
    expect((await ask(requester, '80001', 'JPY', 1_000_000)).refund.status).toBe('PENDING_APPROVAL');
    expect(await removeApprovalRule(world.db, admin, first.rule.ruleId)).toBe(true);
    expect(await removeApprovalRule(world.db, admin, first.rule.ruleId)).toBe(false);
    expect((await ask(requester, '90000', 'JPY', 1_000_000)).refund.status).not.toBe('PENDING_APPROVAL');
    const audit = await world.db.auditLog.findMany({
      where: { actorId: admin.id, action: { startsWith: 'approval_rule.' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((a) => [a.action, (a.details as { version: number }).version])).toEqual(
      expect.arrayContaining([
        ['approval_rule.set', 1],
        ['approval_rule.set', 2],
        ['approval_rule.removed', 2],
      ]),
    );
  });

  it('refuse bad input with a clear message and change nothing; only admins set them', async () => {
    const before = await world.db.approvalRule.count();
    await expect(
      setApprovalRule(world.db, admin, { kind: 'AMOUNT_ABOVE', currency: 'US$', amountText: '1' }),
    ).rejects.toMatchObject({
      field: 'currency',
    });
    await expect(
      setApprovalRule(world.db, admin, { kind: 'AMOUNT_ABOVE', currency: 'USD', amountText: '12.345' }),
    ).rejects.toMatchObject({
      field: 'amount',
    });
    await expect(
      setApprovalRule(world.db, admin, { kind: 'REQUESTER', email: 'nobody@nowhere.test' }),
    ).rejects.toMatchObject({
      field: 'person',
    });
    await expect(setApprovalRule(world.db, approver, { kind: 'EVERY_REFUND' })).rejects.toThrow(Forbidden);
    expect(await world.db.approvalRule.count()).toBe(before);
  });

  it('two admins saving the same rule at once make one rule in force', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        setApprovalRule(world.db, admin, { kind: 'AMOUNT_ABOVE', currency: 'GBP', amountText: '700.00' }),
      ),
    );
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    // The others lost the race on the one-in-force index: refused in words, not a database error.
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ name: 'RuleRefused', field: 'rule' });
    expect(await world.db.approvalRule.count({ where: { currency: 'GBP', validTo: null } })).toBe(1);
  });
});
