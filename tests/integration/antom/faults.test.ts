// Contract: every fault mode of the sandbox, switched at runtime through its admin endpoint, and
// what the engine sees through the client: success, a definite failure with its code, or unknown.
// Money invariant throughout: a refund request id is applied at most once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RefundOutcome } from '../../../lib/antom/operations/refund';
import type { FaultRule } from '../../../sandbox';
import { eventually, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ asyncDelayMs: 100, notifySchedule: [0, 30, 30, 30] });
});
afterEach(async () => {
  await h?.admin.resetFaults();
  h?.webhook.failNext(0);
  h?.webhook.failAlways(false);
});
afterAll(() => h?.stop());

async function refund(
  options: { faults?: FaultRule[]; method?: string; channel?: 'ONLINE' | 'IN_STORE'; client?: Harness['client'] } = {},
) {
  const p = await h.newPayment({
    method: options.method ?? 'ALIPAY_CN',
    channel: options.channel ?? 'ONLINE',
    amountValue: 2_000,
    currency: 'USD',
  });
  const refundRequestId = await h.reserveRefund(p.paymentId, 700, 'USD');
  if (options.faults) await h.admin.setFaults(options.faults);
  const input = { refundRequestId, paymentId: p.paymentId, amount: { value: 700, currency: 'USD' } };
  const client = options.client ?? h.client;
  const outcome: RefundOutcome = await (p.channel === 'ONLINE'
    ? client.refund({ channel: 'ONLINE', ...input })
    : client.refund({ channel: 'IN_STORE', ...input }));
  return { outcome, refundRequestId, paymentId: p.paymentId, sandbox: () => h.admin.refund(refundRequestId) };
}

const calls = (refundRequestId: string) =>
  h.db.antomCall.findMany({ where: { refundRequestId }, orderBy: { attempt: 'asc' } });

describe('faults on the refund call', () => {
  it('latency: a slow answer is still an answer', async () => {
    const r = await refund({ faults: [{ fault: 'latency', ms: 50, count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 1 });
  });

  it('latency past the client timeout: the refund is applied after we gave up; the retry gets the same answer', async () => {
    const client = h.clientWith({ timeoutMs: 250 });
    const r = await refund({ client, faults: [{ fault: 'latency', ms: 700, count: 1, apis: ['refund.online'] }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
    // The late first copy arrives after the retry and is answered from the ledger, not applied again.
    const settled = await eventually(
      async () => ((await r.sandbox())?.received === 2 ? r.sandbox() : undefined),
      'the late request',
    );
    expect(settled).toMatchObject({ applied: 1, status: 'SUCCESS' });
    expect((await calls(r.refundRequestId)).map((c) => [c.attempt, c.outcome, c.httpStatus])).toEqual([
      [1, 'UNKNOWN', null],
      [2, 'SUCCESS', 200],
    ]);
  });

  it('timeout: applied but never answered; retried with the same id; applied once', async () => {
    const r = await refund({ client: h.clientWith({ timeoutMs: 250 }), faults: [{ fault: 'timeout', count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
    expect(await r.sandbox()).toMatchObject({ applied: 1, received: 2 });
    expect((await calls(r.refundRequestId))[0]!.error).toMatch(/no complete answer within 250 ms/);
  });

  it('timeout on every attempt: UNKNOWN for the engine, while Antom holds the refund (inquiry tells)', async () => {
    const r = await refund({ client: h.clientWith({ timeoutMs: 200, maxRetries: 1 }), faults: [{ fault: 'timeout' }] });
    expect(r.outcome).toMatchObject({ outcome: 'UNKNOWN', reason: 'TIMEOUT', attempts: 2, result: null });
    // Turning faults off returns the rules with how often each fired (the fault campaign counts them).
    expect(await h.admin.resetFaults()).toMatchObject([{ fault: 'timeout', fired: 2 }]);
    expect(await r.sandbox()).toMatchObject({ applied: 1, status: 'SUCCESS' });
    expect(await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: r.refundRequestId })).toMatchObject({
      outcome: 'SUCCESS',
      refund: { status: 'SUCCESS' },
    });
  });

  it('dropped connection after applying: retried; applied once', async () => {
    const r = await refund({ faults: [{ fault: 'drop', count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
    expect(await r.sandbox()).toMatchObject({ applied: 1, received: 2 });
    expect((await calls(r.refundRequestId))[0]).toMatchObject({ outcome: 'UNKNOWN', signatureVerdict: 'NOT_CHECKED' });
  });

  it('dropped on every attempt: UNKNOWN (NETWORK) after the bounded retries', async () => {
    const r = await refund({ faults: [{ fault: 'drop' }] });
    expect(r.outcome).toMatchObject({ outcome: 'UNKNOWN', reason: 'NETWORK', attempts: 3 });
    expect(await r.sandbox()).toMatchObject({ applied: 1, received: 3 });
  });

  it('U answers: retried with the same id, then the real answer', async () => {
    const r = await refund({ faults: [{ fault: 'unknown', count: 2 }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 3 });
    expect((await calls(r.refundRequestId)).map((c) => c.resultCode)).toEqual([
      'UNKNOWN_EXCEPTION',
      'UNKNOWN_EXCEPTION',
      'SUCCESS',
    ]);
    expect(await r.sandbox()).toMatchObject({ applied: 1, received: 1 });
  });

  it('U until the retries run out: UNKNOWN with the catalog entry, nothing applied', async () => {
    const r = await refund({ faults: [{ fault: 'unknown', count: 3 }] });
    expect(r.outcome).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'RESULT_UNKNOWN',
      attempts: 3,
      entry: { kind: 'RETRY_SAME_ID' },
    });
    expect(await r.sandbox()).toBeUndefined();
  });

  it('HTTP 5xx: retried; the failed attempt is recorded with its status', async () => {
    const r = await refund({ faults: [{ fault: 'http5xx', status: 502, count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
    expect((await calls(r.refundRequestId))[0]).toMatchObject({
      httpStatus: 502,
      outcome: 'UNKNOWN',
      error: 'HTTP 502',
      // An HTTP error page carries no signature, and that is not a "signature missing" event.
      signatureVerdict: 'NOT_CHECKED',
    });
  });

  it('traffic limit online (U): retried with the same id', async () => {
    const r = await refund({ faults: [{ fault: 'trafficLimit', count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
  });

  it('traffic limit in-store (F): a definite failure to try later, not retried, nothing applied', async () => {
    const r = await refund({ channel: 'IN_STORE', faults: [{ fault: 'trafficLimit', count: 1 }] });
    expect(r.outcome).toMatchObject({
      outcome: 'FAILURE',
      code: 'DPOS_REFUND_REQUEST_TRAFFIC_EXCEED_LIMIT',
      attempts: 1,
      entry: { kind: 'RETRY_LATER' },
    });
    expect(await r.sandbox()).toBeUndefined();
  });

  it('bad response signature: UNKNOWN, never SUCCESS, not retried, though Antom applied it', async () => {
    const r = await refund({ faults: [{ fault: 'badSignature', count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'UNKNOWN', reason: 'SIGNATURE_INVALID', attempts: 1 });
    expect(await r.sandbox()).toMatchObject({ applied: 1, status: 'SUCCESS' });
    expect((await calls(r.refundRequestId))[0]).toMatchObject({
      signatureVerdict: 'INVALID',
      outcome: 'UNKNOWN',
      resultCode: null,
    });
  });

  it('unsigned response: UNKNOWN (SIGNATURE_MISSING)', async () => {
    const r = await refund({ faults: [{ fault: 'unsigned', count: 1 }] });
    expect(r.outcome).toMatchObject({ outcome: 'UNKNOWN', reason: 'SIGNATURE_MISSING', attempts: 1 });
    expect((await calls(r.refundRequestId))[0]).toMatchObject({ signatureVerdict: 'MISSING' });
  });

  it('faults can be limited to one API and fire by probability', async () => {
    await h.admin.setFaults([
      { fault: 'unknown', apis: ['inquiryPayment.inStore'] },
      { fault: 'badSignature', probability: 0 },
    ]);
    const r = await refund({});
    expect(r.outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 1 });
    const p = await h.newPayment({ channel: 'IN_STORE' });
    expect(await h.client.inquiryPayment({ paymentRequestId: p.paymentRequestId })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'RESULT_UNKNOWN',
      attempts: 3,
    });
  });
});

describe('faults on inquiries', () => {
  it('an inquiry answered U is asked again', async () => {
    const r = await refund({});
    await h.admin.setFaults([{ fault: 'unknown', count: 1, apis: ['inquiryRefund.online'] }]);
    expect(await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: r.refundRequestId })).toMatchObject({
      outcome: 'SUCCESS',
      attempts: 2,
    });
  });

  it('an inquiry that times out or loses its connection is asked again', async () => {
    const p = await h.newPayment({ channel: 'IN_STORE' });
    await h.admin.setFaults([
      { fault: 'timeout', count: 1, apis: ['inquiryPayment.inStore'] },
      { fault: 'drop', count: 1, apis: ['inquiryPayment.inStore'] },
    ]);
    const outcome = await h.clientWith({ timeoutMs: 250 }).inquiryPayment({ paymentRequestId: p.paymentRequestId });
    expect(outcome).toMatchObject({ outcome: 'SUCCESS', attempts: 3, payment: { paymentId: p.paymentId } });
    const logged = await h.db.antomCall.findMany({
      where: { operation: 'INQUIRY_PAYMENT', requestBody: { contains: p.paymentRequestId } },
      orderBy: { attempt: 'asc' },
    });
    expect(logged.map((c) => [c.attempt, c.outcome, c.paymentId])).toEqual([
      [1, 'UNKNOWN', null],
      [2, 'UNKNOWN', null],
      [3, 'SUCCESS', p.paymentId],
    ]);
  });

  it('an inquiry whose answer is badly signed is unknown', async () => {
    const r = await refund({});
    await h.admin.setFaults([{ fault: 'badSignature', count: 1 }]);
    expect(await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: r.refundRequestId })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'SIGNATURE_INVALID',
    });
  });
});

describe('notifications', () => {
  const card = () => refund({ method: 'CARD' });
  const deliveries = async (refundRequestId: string) => (await h.admin.ledger({ refundRequestId })).notifications;
  const settledDelivery = (refundRequestId: string) =>
    eventually(async () => {
      const [d] = await deliveries(refundRequestId);
      return d && d.state !== 'PENDING' ? d : undefined;
    }, 'the delivery to settle');

  it('are retried on the schedule until the app answers with the fixed acknowledgement', async () => {
    h.webhook.failNext(2);
    const r = await card();
    expect(r.outcome.outcome).toBe('PROCESSING');
    const d = await settledDelivery(r.refundRequestId);
    expect(d).toMatchObject({ state: 'ACKED' });
    expect(d.attempts.map((a) => a.acknowledged)).toEqual([false, false, true]);
    expect(h.webhook.about(r.refundRequestId).map((n) => n.acknowledged)).toEqual([false, false, true]);
  });

  it('stop after the last attempt of the schedule when never acknowledged', async () => {
    h.webhook.failAlways(true);
    const r = await card();
    const d = await settledDelivery(r.refundRequestId);
    expect(d).toMatchObject({ state: 'GAVE_UP' });
    expect(d.attempts).toHaveLength(4);
  });

  it('lost: never sent; the refund is still final and inquiry tells', async () => {
    await h.admin.setFaults([{ fault: 'notifyLost', count: 1 }]);
    const r = await card();
    const d = await settledDelivery(r.refundRequestId);
    expect(d).toMatchObject({ state: 'LOST', attempts: [] });
    expect(h.webhook.about(r.refundRequestId)).toHaveLength(0);
    expect(await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: r.refundRequestId })).toMatchObject({
      outcome: 'SUCCESS',
      refund: { status: 'SUCCESS' },
    });
  });

  it('duplicated: the same signed notification arrives twice', async () => {
    await h.admin.setFaults([{ fault: 'notifyDuplicate', count: 1 }]);
    const r = await card();
    await settledDelivery(r.refundRequestId);
    const got = await eventually(
      () => h.webhook.about(r.refundRequestId).length === 2 && h.webhook.about(r.refundRequestId),
      'two copies',
    );
    const [a, b] = got.map((n) => (n.check.ok ? n.check.notification : null));
    expect(a).toEqual(b);
    expect(a).toMatchObject({ status: 'SUCCESS', amount: { value: 700, currency: 'USD' } });
  });

  it('out of order: the final notification arrives before the refund call returns', async () => {
    await h.admin.setFaults([{ fault: 'notifyOutOfOrder', count: 1 }]);
    const r = await card();
    const returnedAt = h.webhook.nextSeq();
    expect(r.outcome).toMatchObject({ outcome: 'PROCESSING' });
    const [note] = h.webhook.about(r.refundRequestId);
    expect(note!.seq).toBeLessThan(returnedAt);
    expect(note!.check.ok && note!.check.notification.status).toBe('SUCCESS');
  });

  it('out of order with the answer lost (timeout or drop): the refund still ends and is notified', async () => {
    for (const lost of ['timeout', 'drop'] as const) {
      await h.admin.setFaults(
        [
          { fault: 'notifyOutOfOrder', count: 1 },
          { fault: lost, count: 2, apis: ['refund.online'] },
        ],
        { replace: true },
      );
      const r = await refund({ method: 'CARD', client: h.clientWith({ timeoutMs: 250, maxRetries: 1 }) });
      expect(r.outcome.outcome).toBe('UNKNOWN');
      await settledDelivery(r.refundRequestId);
      expect(await r.sandbox()).toMatchObject({ applied: 1, status: 'SUCCESS' });
      expect(h.webhook.about(r.refundRequestId)[0]!.check.ok).toBe(true);
    }
  });

  it('badly signed: refused by the app, then delivered properly on the next attempt', async () => {
    await h.admin.setFaults([{ fault: 'notifyBadSignature', count: 1 }]);
    const r = await card();
    const d = await settledDelivery(r.refundRequestId);
    expect(d.attempts.map((a) => [a.badSignature, a.acknowledged])).toEqual([
      [true, false],
      [false, true],
    ]);
    const refused = h.webhook.received.filter((n) => !n.check.ok);
    expect(refused.some((n) => !n.check.ok && n.check.reason === 'SIGNATURE_INVALID')).toBe(true);
  });

  it('asyncFail: the refund ends in FAIL, is notified, and no longer holds money', async () => {
    await h.admin.setFaults([{ fault: 'asyncFail', count: 1 }]);
    const r = await card();
    await settledDelivery(r.refundRequestId);
    const [note] = h.webhook.about(r.refundRequestId);
    expect(note!.check.ok && note!.check.notification).toMatchObject({ status: 'FAILED', rawStatus: 'FAIL' });
    expect(await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: r.refundRequestId })).toMatchObject({
      outcome: 'SUCCESS',
      refund: { status: 'FAILED', rawStatus: 'FAIL' },
    });
    expect((await h.admin.ledger({ paymentId: r.paymentId })).payments[0]).toMatchObject({
      heldValue: 0,
      refundedValue: 0,
    });
  });
});
