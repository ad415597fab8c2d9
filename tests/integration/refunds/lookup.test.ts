// "Look it up at Antom": a search for an id found nothing, and a refunder asks Antom. Real
// PostgreSQL, a real Antom sandbox over HTTP (online /v1 and in-store /v2 inquiryPayment, signed),
// faults injected there; nothing mocked. Each outcome on both channels, the per-person limit and
// the audit trail.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOKUP_LIMIT } from '../../../lib/auth/throttle';
import { Forbidden, type Actor, type Role } from '../../../lib/auth/roles';
import type { Channel } from '../../../lib/payments/states';
import { lookupWords } from '../../../lib/payments/lookup-words';
import { importPaymentById, lookUpPayment, refundPayment, type RefundEngineDeps } from '../../../lib/refunds';
import { key, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  // One attempt per call: a fault below fires once per question, whatever the retry policy.
  world = await startWorld({ maxRetries: 0, timeoutMs: 400 });
});
afterAll(async () => {
  await world.stop();
});

/** A fresh person per test: the look-up limit counts per person. */
async function person(role: Role = 'REFUNDER'): Promise<Actor> {
  const user = await world.db.user.create({
    data: { email: `lookup_${randomBytes(6).toString('hex')}@test.local`, name: 'Look-up', role, passwordHash: 'x' },
    select: { id: true },
  });
  return { id: user.id, role };
}

let n = 0;
/** A payment only Antom knows: taken while the dashboard did not see it. */
async function atAntomOnly(spec: {
  channel: Channel;
  status?: 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING';
  amountValue?: number;
  currency?: string;
  method?: string;
}) {
  const tag = `${Date.now()}${++n}${randomBytes(3).toString('hex')}`;
  const paidAt = new Date(Date.now() - 3_600_000);
  const payment = {
    paymentId: `${spec.channel === 'ONLINE' ? '2026' : '2027'}${tag}`,
    paymentRequestId: `${spec.channel === 'ONLINE' ? 'ORD' : 'POS'}_${tag}`,
    channel: spec.channel,
    amountValue: spec.amountValue ?? 4_590,
    currency: spec.currency ?? 'SGD',
    method: spec.method ?? (spec.channel === 'ONLINE' ? 'GCASH' : 'ALIPAY_HK'),
    status: spec.status ?? 'SUCCESS',
    createdAt: paidAt.toISOString(),
    paidAt: (spec.status ?? 'SUCCESS') === 'SUCCESS' ? paidAt.toISOString() : null,
  };
  const res = await fetch(`${world.sandbox.url}/__sandbox/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payment),
  });
  if (!res.ok) throw new Error(`sandbox refused the payment: ${await res.text()}`);
  return payment;
}

const withChannels = (channels: readonly Channel[]): RefundEngineDeps => ({ ...world.deps, channels });
const held = (paymentId: string) => world.db.payment.findUnique({ where: { paymentId } });
const lookups = (actorId: string) =>
  world.db.auditLog.findMany({ where: { actorId, action: 'payment.lookup' }, orderBy: { at: 'asc' } });
const callsAbout = (id: string) =>
  world.db.antomCall.count({ where: { operation: 'INQUIRY_PAYMENT', requestBody: { contains: `"${id}"` } } });

describe('found at Antom and imported', () => {
  it('online, by paymentId or by paymentRequestId: imported with its money, method and times, and refundable at once', async () => {
    for (const by of ['paymentId', 'paymentRequestId'] as const) {
      const p = await atAntomOnly({ channel: 'ONLINE', amountValue: 12_550, currency: 'USD' });
      const actor = await person();
      const result = await lookUpPayment(world.deps, actor, { id: p[by], ip: '203.0.113.9' });
      expect(result.outcome).toEqual({
        kind: 'IMPORTED',
        paymentId: p.paymentId,
        channel: 'ONLINE',
        status: 'SUCCESS',
        rawStatus: 'SUCCESS',
      });
      expect(await held(p.paymentId)).toMatchObject({
        paymentRequestId: p.paymentRequestId,
        channel: 'ONLINE',
        amountValue: 12_550,
        currency: 'USD',
        method: 'GCASH',
        status: 'SUCCESS',
        paidAt: new Date(p.paidAt!),
        createdAt: new Date(p.createdAt),
      });
      const [entry] = await lookups(actor.id);
      expect(entry).toMatchObject({
        actorType: 'USER',
        paymentId: p.paymentId,
        ip: '203.0.113.9',
        details: { id: p[by], outcome: 'IMPORTED', status: 'SUCCESS', channel: 'ONLINE' },
      });
      expect(lookupWords(p[by], result.outcome)).toMatchObject({ title: 'Imported from Antom', tone: 'success' });

      const { refund } = await refundPayment(world.deps, actor, {
        paymentId: p.paymentId,
        amountText: '25.50',
        idempotencyKey: key(),
      });
      expect(refund).toMatchObject({ status: 'SUCCESS', amountValue: 2_550 });
    }
  });

  it('in store, by the paymentRequestId the terminal printed, after online said it has no such order', async () => {
    const p = await atAntomOnly({ channel: 'IN_STORE', amountValue: 150_000, currency: 'KRW', method: 'KAKAOPAY' });
    const actor = await person('ADMIN');
    const result = await lookUpPayment(world.deps, actor, { id: p.paymentRequestId });
    expect(result).toEqual({
      outcome: {
        kind: 'IMPORTED',
        paymentId: p.paymentId,
        channel: 'IN_STORE',
        status: 'SUCCESS',
        rawStatus: 'Success',
      },
      asked: [
        { channel: 'ONLINE', by: 'paymentId', answer: 'NOT_FOUND', code: 'ORDER_NOT_EXIST' },
        { channel: 'ONLINE', by: 'paymentRequestId', answer: 'NOT_FOUND', code: 'ORDER_NOT_EXIST' },
        { channel: 'IN_STORE', by: 'paymentRequestId', answer: 'FOUND', code: 'SUCCESS' },
      ],
    });
    expect(await held(p.paymentId)).toMatchObject({ channel: 'IN_STORE', amountValue: 150_000, method: 'KAKAOPAY' });
  });

  it('asks the channels in the configured order and stops at the first that finds it', async () => {
    const p = await atAntomOnly({ channel: 'IN_STORE' });
    const result = await lookUpPayment(withChannels(['IN_STORE', 'ONLINE']), await person(), {
      id: p.paymentRequestId,
    });
    expect(result.asked).toEqual([{ channel: 'IN_STORE', by: 'paymentRequestId', answer: 'FOUND', code: 'SUCCESS' }]);
  });
});

describe('found at Antom, but not refundable', () => {
  it.each([
    ['ONLINE', 'PENDING'],
    ['ONLINE', 'CANCELLED'],
    ['IN_STORE', 'FAIL'],
    ['IN_STORE', 'PROCESSING'],
  ] as const)('%s %s: imported with its status, which says why, and a refund is refused', async (channel, status) => {
    const p = await atAntomOnly({ channel, status });
    const actor = await person();
    const result = await lookUpPayment(world.deps, actor, { id: p.paymentRequestId });
    expect(result.outcome).toMatchObject({ kind: 'IMPORTED', paymentId: p.paymentId, channel, status });
    expect(await held(p.paymentId)).toMatchObject({ status, paidAt: null });
    const words = lookupWords(p.paymentRequestId, result.outcome);
    expect(words.tone).toBe('warning');
    expect(words.title).toMatch(/^Found at Antom, but not refundable/);
    expect(words.text).toMatch(
      status === 'PENDING' || status === 'PROCESSING' ? /once it succeeds/ : /nothing to refund/,
    );
    await expect(
      refundPayment(world.deps, actor, { paymentId: p.paymentId, amountText: '1.00', idempotencyKey: key() }),
    ).rejects.toThrow();
    expect(await world.db.refund.count({ where: { paymentId: p.paymentId } })).toBe(0);
  });
});

describe('not found at Antom', () => {
  it.each([
    [['ONLINE'], ['ORDER_NOT_EXIST', 'ORDER_NOT_EXIST']],
    [['IN_STORE'], ['PAYMENT_NOT_EXIST']],
    [
      ['ONLINE', 'IN_STORE'],
      ['ORDER_NOT_EXIST', 'ORDER_NOT_EXIST', 'PAYMENT_NOT_EXIST'],
    ],
  ] as const)('channels %j: every question answered "no such payment", nothing imported', async (channels, codes) => {
    const id = `ORD_NOWHERE_${randomBytes(5).toString('hex')}`;
    const actor = await person();
    const result = await lookUpPayment(withChannels(channels), actor, { id });
    expect(result.outcome).toEqual({ kind: 'NOT_FOUND' });
    expect(result.asked.map((a) => [a.answer, a.code])).toEqual(codes.map((c) => ['NOT_FOUND', c]));
    expect(await world.db.payment.count({ where: { OR: [{ paymentId: id }, { paymentRequestId: id }] } })).toBe(0);
    expect(await lookups(actor.id)).toMatchObject([{ paymentId: null, details: { id, outcome: 'NOT_FOUND' } }]);
    const words = lookupWords(id, result.outcome, 'open-sea-global.alipay.com');
    expect(words.text).toMatch(/another merchant/);
    expect(words.text).toMatch(/another region's Antom \(this dashboard asks open-sea-global\.alipay\.com\)/);
  });

  it('an online payment is not found when only in-store is configured, and an in-store one only by its request id', async () => {
    const online = await atAntomOnly({ channel: 'ONLINE' });
    const inStoreOnly = withChannels(['IN_STORE']);
    expect((await lookUpPayment(inStoreOnly, await person(), { id: online.paymentRequestId })).outcome.kind).toBe(
      'NOT_FOUND',
    );
    expect(await held(online.paymentId)).toBeNull();
    // Seed 004 asks by paymentRequestId only: the in-store paymentId cannot be looked up.
    const inStore = await atAntomOnly({ channel: 'IN_STORE' });
    expect((await lookUpPayment(world.deps, await person(), { id: inStore.paymentId })).outcome.kind).toBe('NOT_FOUND');
  });

  it('an id with characters no in-store request id has is not sent to the in-store API', async () => {
    const id = `ORD-${randomBytes(4).toString('hex')}`;
    const result = await lookUpPayment(world.deps, await person(), { id });
    expect(result.outcome.kind).toBe('NOT_FOUND');
    expect(result.asked.at(-1)).toMatchObject({ channel: 'IN_STORE', answer: 'SKIPPED' });
    expect(await callsAbout(id)).toBe(2);
  });
});

describe('Antom unreachable or unverifiable: nothing changes', () => {
  it.each([
    ['ONLINE', 'inquiryPayment.online', 'timeout'],
    ['ONLINE', 'inquiryPayment.online', 'badSignature'],
    ['IN_STORE', 'inquiryPayment.inStore', 'unsigned'],
    ['IN_STORE', 'inquiryPayment.inStore', 'http5xx'],
  ] as const)('%s, %s %s: UNAVAILABLE, no payment row, audited', async (channel, api, fault) => {
    const p = await atAntomOnly({ channel });
    const actor = await person();
    await setFaults(world, [{ fault, apis: [api] }]);
    let result;
    try {
      result = await lookUpPayment(withChannels([channel]), actor, { id: p.paymentRequestId });
    } finally {
      await setFaults(world, []);
    }
    expect(result.outcome.kind).toBe('UNAVAILABLE');
    expect(await held(p.paymentId)).toBeNull();
    const words = lookupWords(p.paymentRequestId, result.outcome);
    expect(words).toMatchObject({ title: 'Antom could not be asked', tone: 'error' });
    expect(words.text).toMatch(/Nothing was changed\. Try again/);
    expect(await lookups(actor.id)).toMatchObject([{ details: { outcome: 'UNAVAILABLE' } }]);
    // Once Antom answers again, the same look-up imports it.
    expect((await lookUpPayment(withChannels([channel]), actor, { id: p.paymentRequestId })).outcome.kind).toBe(
      'IMPORTED',
    );
  });

  it('an unanswered question outweighs another channel saying "no such payment"', async () => {
    const p = await atAntomOnly({ channel: 'IN_STORE' });
    await setFaults(world, [{ fault: 'unsigned', apis: ['inquiryPayment.inStore'] }]);
    try {
      const result = await lookUpPayment(world.deps, await person(), { id: p.paymentRequestId });
      expect(result.outcome.kind).toBe('UNAVAILABLE');
      expect(result.asked.map((a) => a.answer)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'UNKNOWN']);
    } finally {
      await setFaults(world, []);
    }
  });
});

describe('Antom refuses the question', () => {
  it("in store, a traffic limit answered F: REFUSED with Antom's code and further action, nothing imported", async () => {
    const p = await atAntomOnly({ channel: 'IN_STORE' });
    const actor = await person();
    await setFaults(world, [{ fault: 'trafficLimit', apis: ['inquiryPayment.inStore'] }]);
    let result;
    try {
      result = await lookUpPayment(withChannels(['IN_STORE']), actor, { id: p.paymentRequestId });
    } finally {
      await setFaults(world, []);
    }
    expect(result.outcome).toMatchObject({ kind: 'REFUSED', code: 'REQUEST_TRAFFIC_EXCEED_LIMIT' });
    expect(await held(p.paymentId)).toBeNull();
    expect(lookupWords(p.paymentRequestId, result.outcome)).toMatchObject({
      title: 'Antom refused the look-up',
      tone: 'error',
      text: expect.stringMatching(/^Antom answered REQUEST_TRAFFIC_EXCEED_LIMIT: .+ Nothing was changed\.$/),
    });
    expect(await lookups(actor.id)).toMatchObject([
      { details: { outcome: 'REFUSED', code: 'REQUEST_TRAFFIC_EXCEED_LIMIT' } },
    ]);
  });
});

describe('what the dashboard already holds', () => {
  it('a held id is not asked of Antom', async () => {
    const p = await atAntomOnly({ channel: 'ONLINE' });
    await lookUpPayment(world.deps, await person(), { id: p.paymentId });
    const before = await callsAbout(p.paymentRequestId);
    const result = await lookUpPayment(world.deps, await person(), { id: p.paymentRequestId });
    expect(result).toEqual({ outcome: { kind: 'HELD', paymentId: p.paymentId, status: 'SUCCESS' }, asked: [] });
    expect(await callsAbout(p.paymentRequestId)).toBe(before);
  });

  it('a payment whose ids contradict one we hold is not imported (CONFLICT), and the held one is untouched', async () => {
    const p = await atAntomOnly({ channel: 'ONLINE', amountValue: 1_000, currency: 'USD' });
    await world.db.payment.create({
      data: {
        paymentId: p.paymentId,
        paymentRequestId: `OTHER_${p.paymentRequestId}`,
        channel: 'ONLINE',
        amountValue: 1_000,
        currency: 'USD',
        method: 'GCASH',
        status: 'PROCESSING',
      },
    });
    const result = await lookUpPayment(world.deps, await person(), { id: p.paymentRequestId });
    expect(result.outcome).toMatchObject({ kind: 'CONFLICT', paymentId: p.paymentId });
    expect(await held(p.paymentId)).toMatchObject({
      paymentRequestId: `OTHER_${p.paymentRequestId}`,
      status: 'PROCESSING',
    });
  });

  it('two people looking up the same id at once import it once', async () => {
    const p = await atAntomOnly({ channel: 'ONLINE' });
    const [a, b] = await Promise.all([
      lookUpPayment(world.deps, await person(), { id: p.paymentId }),
      lookUpPayment(world.deps, await person(), { id: p.paymentId }),
    ]);
    // Whoever comes second either finds it held or updates the row the first one wrote.
    expect([a.outcome.kind, b.outcome.kind]).toContain('IMPORTED');
    for (const r of [a, b]) expect(['IMPORTED', 'HELD']).toContain(r.outcome.kind);
    expect(await world.db.payment.count({ where: { paymentId: p.paymentId } })).toBe(1);
  });
});

describe('who may look up, and how often', () => {
  it('a viewer is refused before anything is asked or counted', async () => {
    const p = await atAntomOnly({ channel: 'ONLINE' });
    const viewer = await person('VIEWER');
    await expect(lookUpPayment(world.deps, viewer, { id: p.paymentId })).rejects.toBeInstanceOf(Forbidden);
    expect(await callsAbout(p.paymentId)).toBe(0);
    expect(await held(p.paymentId)).toBeNull();
    expect(await lookups(viewer.id)).toEqual([]);
  });

  it(`a person gets ${LOOKUP_LIMIT.max} look-ups per window; the next is refused unasked and audited, others are not held back`, async () => {
    const actor = await person();
    const p = await atAntomOnly({ channel: 'ONLINE' });
    // Ids Antom does not know: each is a look-up all the same.
    for (let i = 0; i < LOOKUP_LIMIT.max; i++)
      expect((await lookUpPayment(world.deps, actor, { id: `NOWHERE_${i}_${actor.id.slice(-6)}` })).outcome.kind).toBe(
        'NOT_FOUND',
      );
    const refused = await lookUpPayment(world.deps, actor, { id: p.paymentId });
    expect(refused.outcome).toMatchObject({ kind: 'THROTTLED', limit: LOOKUP_LIMIT.max });
    expect(refused.outcome.kind === 'THROTTLED' && refused.outcome.retryAfterMs).toBeGreaterThan(0);
    expect(refused.asked).toEqual([]);
    expect(await callsAbout(p.paymentId)).toBe(0);
    expect(lookupWords(p.paymentId, refused.outcome).text).toMatch(/Try again in \d+ seconds?; nothing was asked/);
    const entries = await lookups(actor.id);
    expect(entries).toHaveLength(LOOKUP_LIMIT.max + 1);
    expect(entries.at(-1)).toMatchObject({ details: { id: p.paymentId, outcome: 'THROTTLED' } });
    // An id that cannot be one is answered without counting; another person is not held back.
    expect((await lookUpPayment(world.deps, actor, { id: 'has space' })).outcome.kind).toBe('INVALID');
    expect((await lookUpPayment(world.deps, await person(), { id: p.paymentId })).outcome.kind).toBe('IMPORTED');
  });
});

describe('the command line import', () => {
  it('acts as the system, named in the audit log, with no per-person limit', async () => {
    const p = await atAntomOnly({ channel: 'IN_STORE' });
    const result = await importPaymentById(world.deps, { id: p.paymentRequestId, via: 'npm run import:payments' });
    expect(result.outcome).toMatchObject({ kind: 'IMPORTED', channel: 'IN_STORE' });
    const [entry] = await world.db.auditLog.findMany({ where: { action: 'payment.lookup', paymentId: p.paymentId } });
    expect(entry).toMatchObject({
      actorType: 'SYSTEM',
      actorId: null,
      details: { outcome: 'IMPORTED', via: 'npm run import:payments' },
    });
  });
});
