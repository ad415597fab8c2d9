// Contract: inquiryRefund (online and in-store) and inquiryPayment against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../../lib/demo/dataset';
import { startSandbox } from '../../../sandbox';
import { unseenPayments } from '../../../sandbox/seed';
import { createAntomClient } from '../../../lib/antom/client';
import { loadAntomConfig } from '../../../lib/antom/config';
import { memoryRecorder } from '../../../lib/antom/recorder';
import { FIXED_KEYS, startHarness, uid, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

async function onlineRefund(value = 1_000) {
  const p = await h.newPayment({ amountValue: 10_000 });
  const refundRequestId = await h.reserveRefund(p.paymentId, value, 'USD');
  const outcome = await h.client.refund({
    channel: 'ONLINE',
    refundRequestId,
    paymentId: p.paymentId,
    amount: { value, currency: 'USD' },
  });
  if (outcome.outcome !== 'SUCCESS') throw new Error(`setup refund: ${outcome.outcome}`);
  return { refundRequestId, refundId: outcome.refundId, paymentId: p.paymentId };
}

describe('inquiryRefund, online', () => {
  it('finds a refund by refundRequestId (all we have after a timeout) and by refundId', async () => {
    const r = await onlineRefund(1_234);
    for (const by of [{ refundRequestId: r.refundRequestId }, { refundId: r.refundId }]) {
      const outcome = await h.client.inquiryRefund({ channel: 'ONLINE', ...by });
      expect(outcome).toMatchObject({
        outcome: 'SUCCESS',
        refund: {
          refundId: r.refundId,
          refundRequestId: r.refundRequestId,
          status: 'SUCCESS',
          rawStatus: 'SUCCESS',
          amount: { value: 1_234, currency: 'USD' },
        },
        entry: { kind: 'DONE' },
      });
    }
    const calls = await h.db.antomCall.findMany({
      where: { operation: 'INQUIRY_REFUND', refundRequestId: r.refundRequestId },
    });
    expect(calls.map((c) => [c.path, c.outcome, c.signatureVerdict])).toEqual([
      ['/ams/sandbox/api/v1/payments/inquiryRefund', 'SUCCESS', 'VALID'],
    ]);
  });

  it('lets refundId win when both are given', async () => {
    const a = await onlineRefund();
    const b = await onlineRefund();
    const outcome = await h.client.inquiryRefund({
      channel: 'ONLINE',
      refundId: a.refundId,
      refundRequestId: b.refundRequestId,
    });
    // Antom answers about A; since A is what we asked by refundId, that is the answer we accept.
    expect(outcome).toMatchObject({
      outcome: 'SUCCESS',
      refund: { refundId: a.refundId, refundRequestId: a.refundRequestId },
    });
  });

  it('says ORDER_NOT_EXIST for a refund Antom never created, with the documented retry advice', async () => {
    const p = await h.newPayment({ amountValue: 100 });
    const refused = uid('RFD');
    expect(
      await h.client.refund({
        channel: 'ONLINE',
        refundRequestId: refused,
        paymentId: p.paymentId,
        amount: { value: 500, currency: 'USD' },
      }),
    ).toMatchObject({ outcome: 'FAILURE' });
    for (const refundRequestId of [refused, uid('RFD')]) {
      expect(await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId })).toMatchObject({
        outcome: 'FAILURE',
        code: 'ORDER_NOT_EXIST',
        entry: { kind: 'RETRY_LATER', retryAfterMs: 15_000, maxRetries: 3 },
      });
    }
  });
});

describe('inquiryRefund, in-store', () => {
  it('finds a refund by refundId, and not an online one', async () => {
    const p = await h.newPayment({ channel: 'IN_STORE', method: 'TNG', amountValue: 4_200, currency: 'SGD' });
    const id = await h.reserveRefund(p.paymentId, 4_200, 'SGD');
    const refund = await h.client.refund({ channel: 'IN_STORE', refundRequestId: id, paymentId: p.paymentId });
    expect(refund.outcome).toBe('SUCCESS');
    const refundId = refund.outcome === 'SUCCESS' ? refund.refundId : '';
    expect(await h.client.inquiryRefund({ channel: 'IN_STORE', refundId })).toMatchObject({
      outcome: 'SUCCESS',
      refund: {
        refundId,
        refundRequestId: id,
        paymentId: p.paymentId,
        status: 'SUCCESS',
        rawStatus: 'SUCCESS',
        amount: null,
      },
    });
    const online = await onlineRefund();
    expect(await h.client.inquiryRefund({ channel: 'IN_STORE', refundId: online.refundId })).toMatchObject({
      outcome: 'FAILURE',
      code: 'DPOS_PAYMENT_ORDER_NOT_EXIST',
      entry: { canonical: 'ORDER_NOT_EXIST', kind: 'FIX_REQUEST' },
    });
  });
});

describe('inquiryPayment', () => {
  it('reads an in-store payment (status word "Success", amount as a string)', async () => {
    const p = await h.newPayment({ channel: 'IN_STORE', method: 'KAKAOPAY', amountValue: 150_000, currency: 'KRW' });
    const outcome = await h.client.inquiryPayment({ paymentRequestId: p.paymentRequestId });
    expect(outcome).toMatchObject({
      outcome: 'SUCCESS',
      payment: {
        paymentId: p.paymentId,
        paymentRequestId: p.paymentRequestId,
        status: 'SUCCESS',
        rawStatus: 'Success',
        amount: { value: 150_000, currency: 'KRW' },
        method: 'KAKAOPAY',
      },
    });
    const [call] = await h.db.antomCall.findMany({
      where: { operation: 'INQUIRY_PAYMENT', requestBody: { contains: p.paymentRequestId } },
    });
    expect(call).toMatchObject({ path: '/v2/payments/inquiryPayment', outcome: 'SUCCESS', signatureVerdict: 'VALID' });
  });

  it('does not find an online payment or an unknown one', async () => {
    const online = await h.newPayment({ channel: 'ONLINE' });
    for (const paymentRequestId of [online.paymentRequestId, 'POS_NOPE_1']) {
      expect(await h.client.inquiryPayment({ paymentRequestId })).toMatchObject({
        outcome: 'FAILURE',
        code: 'PAYMENT_NOT_EXIST',
        entry: { kind: 'CONTACT_SUPPORT' },
      });
    }
  });
});

describe('inquiryPayment, online (/v1)', () => {
  it('finds an online payment by paymentId and by paymentRequestId, signed, with string amounts on the wire', async () => {
    const p = await h.newPayment({ channel: 'ONLINE', method: 'GCASH', amountValue: 4_590, currency: 'PHP' });
    for (const by of [{ paymentId: p.paymentId }, { paymentRequestId: p.paymentRequestId }]) {
      expect(await h.client.inquiryPayment({ channel: 'ONLINE', ...by })).toMatchObject({
        outcome: 'SUCCESS',
        payment: {
          paymentId: p.paymentId,
          paymentRequestId: p.paymentRequestId,
          status: 'SUCCESS',
          amount: { value: 4_590, currency: 'PHP' },
          method: 'GCASH',
        },
      });
    }
    const calls = await h.db.antomCall.findMany({
      where: { operation: 'INQUIRY_PAYMENT', requestBody: JSON.stringify({ paymentId: p.paymentId }) },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      path: '/ams/sandbox/api/v1/payments/inquiryPayment',
      outcome: 'SUCCESS',
      signatureVerdict: 'VALID',
    });
    expect(calls[0]!.responseBody).toContain('"value":"4590"');
  });

  it('answers ORDER_NOT_EXIST for an in-store payment or an id it does not know', async () => {
    const inStore = await h.newPayment({ channel: 'IN_STORE' });
    for (const by of [
      { paymentRequestId: inStore.paymentRequestId },
      { paymentId: inStore.paymentId },
      { paymentId: 'NOPE_1' },
    ]) {
      expect(await h.client.inquiryPayment({ channel: 'ONLINE', ...by })).toMatchObject({
        outcome: 'FAILURE',
        code: 'ORDER_NOT_EXIST',
        result: { resultStatus: 'F' },
      });
    }
  });

  it('reports a payment that did not succeed with its own status word', async () => {
    const p = await h.newPayment({ channel: 'ONLINE', status: 'PENDING' });
    expect(await h.client.inquiryPayment({ channel: 'ONLINE', paymentId: p.paymentId })).toMatchObject({
      outcome: 'SUCCESS',
      payment: { status: 'PENDING', rawStatus: 'PENDING' },
    });
  });
});

describe('the seeded demo ledger', () => {
  it('agrees with demoDataset(anchor): payments and the refunds that reached Antom', async () => {
    const anchor = new Date('2026-11-22T00:00:00Z');
    const sandbox = await startSandbox({ persist: false, keys: FIXED_KEYS, seed: { anchor }, asyncDelayMs: 600_000 });
    try {
      const client = createAntomClient({ config: loadAntomConfig(sandbox.appEnv), recorder: memoryRecorder() });
      const demo = demoDataset(anchor);
      const inStore = demo.payments.find((p) => p.channel === 'IN_STORE' && p.status === 'SUCCESS')!;
      expect(await client.inquiryPayment({ paymentRequestId: inStore.paymentRequestId })).toMatchObject({
        outcome: 'SUCCESS',
        payment: { paymentId: inStore.paymentId, amount: { value: inStore.amountValue, currency: inStore.currency } },
      });
      const done = demo.refunds.find(
        (r) =>
          r.antomStatus === 'SUCCESS' && demo.payments.find((p) => p.paymentId === r.paymentId)?.channel === 'ONLINE',
      )!;
      expect(await client.inquiryRefund({ channel: 'ONLINE', refundRequestId: done.refundRequestId })).toMatchObject({
        outcome: 'SUCCESS',
        refund: {
          refundId: done.refundId,
          status: 'SUCCESS',
          amount: { value: done.amountValue, currency: done.currency },
        },
      });
      const neverSent = demo.refunds.find((r) => r.antomStatus === null)!;
      expect(
        await client.inquiryRefund({ channel: 'ONLINE', refundRequestId: neverSent.refundRequestId }),
      ).toMatchObject({ outcome: 'FAILURE' });
    } finally {
      await sandbox.stop();
    }
  });

  it('also knows payments the demo dashboard never saw, for look-ups to find, on both channels', async () => {
    const anchor = new Date('2026-11-22T00:00:00Z');
    const sandbox = await startSandbox({ persist: false, keys: FIXED_KEYS, seed: { anchor }, asyncDelayMs: 600_000 });
    try {
      const client = createAntomClient({ config: loadAntomConfig(sandbox.appEnv), recorder: memoryRecorder() });
      const demoIds = new Set(demoDataset(anchor).payments.flatMap((p) => [p.paymentId, p.paymentRequestId]));
      const unseen = unseenPayments(anchor);
      expect(unseen.map((p) => [p.channel, p.status])).toEqual([
        ['ONLINE', 'SUCCESS'],
        ['ONLINE', 'PENDING'],
        ['IN_STORE', 'SUCCESS'],
        ['IN_STORE', 'FAIL'],
      ]);
      for (const p of unseen) {
        expect(demoIds.has(p.paymentId) || demoIds.has(p.paymentRequestId)).toBe(false);
        const outcome = await client.inquiryPayment(
          p.channel === 'ONLINE'
            ? { channel: 'ONLINE', paymentRequestId: p.paymentRequestId }
            : { paymentRequestId: p.paymentRequestId },
        );
        expect(outcome).toMatchObject({
          outcome: 'SUCCESS',
          payment: { paymentId: p.paymentId, status: p.status, amount: { value: p.amountValue, currency: p.currency } },
        });
      }
    } finally {
      await sandbox.stop();
    }
  });

  it('keeps the refunds held at the bank PROCESSING until they settle, and ends the other open ones', async () => {
    const anchor = new Date();
    const sandbox = await startSandbox({ persist: false, keys: FIXED_KEYS, seed: { anchor }, asyncDelayMs: 20 });
    try {
      const client = createAntomClient({ config: loadAntomConfig(sandbox.appEnv), recorder: memoryRecorder() });
      const demo = demoDataset(anchor);
      const open = demo.refunds.filter((r) => r.antomStatus === 'PROCESSING');
      const held = open.filter((r) => r.settlesAt);
      expect(held).toHaveLength(2);
      for (const r of held) expect(r.settlesAt!.getTime()).toBeGreaterThan(anchor.getTime() + 3 * 24 * 3600_000);
      const statusOf = async (r: (typeof open)[number]) => {
        const inStore = demo.payments.find((p) => p.paymentId === r.paymentId)!.channel === 'IN_STORE';
        const answer = await client.inquiryRefund(
          inStore
            ? { channel: 'IN_STORE', refundId: r.refundId! }
            : { channel: 'ONLINE', refundRequestId: r.refundRequestId },
        );
        return 'refund' in answer ? answer.refund.status : answer.outcome;
      };
      const others = open.filter((r) => !r.settlesAt);
      await expect.poll(async () => Promise.all(others.map(statusOf)), { timeout: 10_000 }).not.toContain('PROCESSING');
      for (const r of held) expect(await statusOf(r)).toBe('PROCESSING');
    } finally {
      await sandbox.stop();
    }
  });
});
