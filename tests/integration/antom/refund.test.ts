// Contract: the client against the sandbox over HTTP, for refunds. Each test asserts what the refund
// engine will see, what the sandbox's ledger holds, and what was recorded in antom_calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKeyToBase64 } from '../../../lib/antom/keys';
import { eventually, startHarness, uid, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  // Asynchronous refunds stay in process until a test ends them: no race with the inquiry.
  h = await startHarness({ asyncDelayMs: 600_000 });
});
afterAll(() => h?.stop());

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000);

async function callsFor(refundRequestId: string) {
  return h.db.antomCall.findMany({ where: { refundRequestId }, orderBy: [{ startedAt: 'asc' }, { attempt: 'asc' }] });
}

describe('refund, online', () => {
  it('a wallet refunds at once: SUCCESS, applied once, recorded with the signature redacted', async () => {
    const p = await h.newPayment({ method: 'ALIPAY_CN', amountValue: 10_000, currency: 'USD' });
    const id = await h.reserveRefund(p.paymentId, 2_500, 'USD');
    const outcome = await h.client.refund({
      channel: 'ONLINE',
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 2_500, currency: 'USD' },
    });
    expect(outcome).toMatchObject({ outcome: 'SUCCESS', refundRequestId: id, attempts: 1, entry: { kind: 'DONE' } });
    const refund = await h.admin.refund(id);
    expect(refund).toMatchObject({ status: 'SUCCESS', amountValue: 2_500, applied: 1, accepted: true });
    expect(outcome.outcome === 'SUCCESS' && outcome.refundId).toBe(refund!.refundId);

    const [call, ...more] = await callsFor(id);
    expect(more).toHaveLength(0);
    expect(call).toMatchObject({
      operation: 'REFUND',
      path: '/ams/sandbox/api/v1/payments/refund',
      paymentId: p.paymentId,
      attempt: 1,
      httpStatus: 200,
      signatureVerdict: 'VALID',
      outcome: 'SUCCESS',
      resultCode: 'SUCCESS',
      resultStatus: 'S',
      error: null,
    });
    const stored = JSON.stringify(call);
    expect((call!.requestHeaders as Record<string, string>).signature).toBe(
      'algorithm=RSA256,keyVersion=1,signature=[REDACTED]',
    );
    expect((call!.responseHeaders as Record<string, string>).signature).toBe(
      'algorithm=RSA256,keyVersion=1,signature=[REDACTED]',
    );
    expect(stored).not.toMatch(/PRIVATE KEY/);
    expect(stored).not.toContain(privateKeyToBase64(h.config.merchantPrivateKey).slice(40, 80));
    expect(JSON.parse(call!.requestBody)).toEqual({
      refundRequestId: id,
      paymentId: p.paymentId,
      refundAmount: { value: '2500', currency: 'USD' },
    });
  });

  it('a card refunds asynchronously: PROCESSING, then a signed notification, then inquiry says SUCCESS', async () => {
    const p = await h.newPayment({ method: 'CARD', amountValue: 8_000, currency: 'EUR' });
    const id = await h.reserveRefund(p.paymentId, 8_000, 'EUR');
    const outcome = await h.client.refund({
      channel: 'ONLINE',
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 8_000, currency: 'EUR' },
    });
    expect(outcome).toMatchObject({
      outcome: 'PROCESSING',
      refundRequestId: id,
      entry: { canonical: 'REFUND_IN_PROCESS', kind: 'WAIT_FOR_RESULT' },
    });
    expect((await callsFor(id))[0]).toMatchObject({
      outcome: 'UNKNOWN',
      resultCode: 'REFUND_IN_PROCESS',
      resultStatus: 'U',
    });

    const before = await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: id });
    expect(before).toMatchObject({ outcome: 'SUCCESS', refund: { status: 'PROCESSING', rawStatus: 'PROCESSING' } });

    await h.admin.finalizeRefund(id);
    const [note] = await eventually(() => h.webhook.about(id).length > 0 && h.webhook.about(id), 'the notification');
    expect(note!.check).toMatchObject({
      ok: true,
      verdict: 'VALID',
      notification: { status: 'SUCCESS', amount: { value: 8_000, currency: 'EUR' } },
    });
    expect((await h.admin.ledger({ refundRequestId: id })).notifications[0]).toMatchObject({ state: 'ACKED' });

    const after = await h.client.inquiryRefund({ channel: 'ONLINE', refundRequestId: id });
    expect(after).toMatchObject({
      outcome: 'SUCCESS',
      refund: { status: 'SUCCESS', amount: { value: 8_000, currency: 'EUR' } },
    });
    expect(after.outcome === 'SUCCESS' && after.refund.refundTime).toBeInstanceOf(Date);
  });

  it('the same id and body gets the same answer and is applied once, even sent five times at once', async () => {
    const p = await h.newPayment({ amountValue: 5_000 });
    const id = await h.reserveRefund(p.paymentId, 1_000, 'USD');
    const input = {
      channel: 'ONLINE' as const,
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 1_000, currency: 'USD' },
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => h.client.refund(input)));
    const ids = new Set(outcomes.map((o) => (o.outcome === 'SUCCESS' ? o.refundId : o.outcome)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^\d+$/);
    expect(await h.admin.refund(id)).toMatchObject({ applied: 1, received: 5 });
    expect((await h.admin.ledger({ paymentId: p.paymentId })).payments[0]).toMatchObject({
      refundedValue: 1_000,
      heldValue: 1_000,
    });
  });

  it('the same id with another amount or currency is REPEAT_REQ_INCONSISTENT and changes nothing', async () => {
    const p = await h.newPayment({ amountValue: 5_000 });
    const id = await h.reserveRefund(p.paymentId, 1_000, 'USD');
    await h.client.refund({
      channel: 'ONLINE',
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 1_000, currency: 'USD' },
    });
    for (const amount of [
      { value: 1_001, currency: 'USD' },
      { value: 1_000, currency: 'EUR' },
    ]) {
      const outcome = await h.client.refund({ channel: 'ONLINE', refundRequestId: id, paymentId: p.paymentId, amount });
      expect(outcome).toMatchObject({
        outcome: 'FAILURE',
        code: 'REPEAT_REQ_INCONSISTENT',
        entry: { kind: 'FIX_REQUEST' },
      });
    }
    expect(await h.admin.refund(id)).toMatchObject({ amountValue: 1_000, applied: 1, status: 'SUCCESS' });
  });

  it('never refunds more than the payment, across partial refunds', async () => {
    const p = await h.newPayment({ amountValue: 1_000 });
    // Ids without a reserved row: the dashboard's own database would refuse the last one before
    // it was sent; here it is Antom's rule under test.
    const refund = async (value: number) =>
      h.client.refund({
        channel: 'ONLINE',
        refundRequestId: uid('RFD'),
        paymentId: p.paymentId,
        amount: { value, currency: 'USD' },
      });
    expect(await refund(600)).toMatchObject({ outcome: 'SUCCESS' });
    expect(await refund(400)).toMatchObject({ outcome: 'SUCCESS' });
    expect(await refund(1)).toMatchObject({
      outcome: 'FAILURE',
      code: 'REFUND_AMOUNT_EXCEED',
      entry: { kind: 'FIX_REQUEST' },
    });
    expect((await h.admin.ledger({ paymentId: p.paymentId })).payments[0]!.refundedValue).toBe(1_000);
  });

  it('applies the documented refusals, each a definite failure with its code and kind', async () => {
    const cases: {
      spec: Parameters<Harness['newPayment']>[0];
      amount?: { value: number; currency: string };
      code: string;
      kind: string;
      before?: number;
    }[] = [
      {
        spec: { currency: 'USD' },
        amount: { value: 100, currency: 'EUR' },
        code: 'CURRENCY_NOT_SUPPORT',
        kind: 'CONTACT_SUPPORT',
      },
      { spec: { method: 'CARD', paidAt: daysAgo(400) }, code: 'REFUND_WINDOW_EXCEED', kind: 'NOT_REFUNDABLE' },
      { spec: { method: 'GCASH', paidAt: daysAgo(400) }, code: 'REFUND_WINDOW_EXCEED', kind: 'NOT_REFUNDABLE' },
      {
        spec: { method: 'KONBINI', currency: 'JPY', amountValue: 5_000 },
        amount: { value: 100, currency: 'JPY' },
        code: 'PAYMENT_METHOD_NOT_SUPPORTED',
        kind: 'NOT_REFUNDABLE',
      },
      { spec: { method: 'PAYPAY' }, code: 'PARTIAL_REFUND_NOT_SUPPORTED', kind: 'NOT_REFUNDABLE' },
      { spec: { method: 'DANA' }, code: 'MULTIPLE_REFUNDS_NOT_SUPPORTED', kind: 'NOT_REFUNDABLE', before: 100 },
      { spec: { status: 'CANCELLED' }, code: 'ORDER_IS_CANCELED', kind: 'NOT_REFUNDABLE' },
      { spec: { status: 'PROCESSING' }, code: 'ORDER_STATUS_INVALID', kind: 'NOT_REFUNDABLE' },
    ];
    for (const c of cases) {
      const p = await h.newPayment(c.spec);
      if (c.before) {
        const first = await h.client.refund({
          channel: 'ONLINE',
          refundRequestId: uid('RFD'),
          paymentId: p.paymentId,
          amount: { value: c.before, currency: p.currency },
        });
        expect(first.outcome).toBe('SUCCESS');
      }
      const amount = c.amount ?? { value: 100, currency: p.currency };
      const outcome = await h.client.refund({
        channel: 'ONLINE',
        refundRequestId: uid('RFD'),
        paymentId: p.paymentId,
        amount,
      });
      expect(outcome, c.code).toMatchObject({ outcome: 'FAILURE', code: c.code, entry: { kind: c.kind } });
    }
  });

  it('an unknown payment, or an in-store payment on the online API, does not exist', async () => {
    const inStore = await h.newPayment({ channel: 'IN_STORE' });
    for (const paymentId of ['NO_SUCH_PAYMENT', inStore.paymentId]) {
      const outcome = await h.client.refund({
        channel: 'ONLINE',
        refundRequestId: uid('RFD'),
        paymentId,
        amount: { value: 100, currency: 'USD' },
      });
      expect(outcome).toMatchObject({ outcome: 'FAILURE', code: 'ORDER_NOT_EXIST' });
    }
    // Recorded even though no refund row exists for these ids (kept without the link).
    expect(await h.db.antomCall.count({ where: { paymentId: 'NO_SUCH_PAYMENT', refundRequestId: null } })).toBe(1);
  });
});

describe('refund, in-store', () => {
  it('omitting the amount refunds the whole payment', async () => {
    const p = await h.newPayment({ channel: 'IN_STORE', method: 'ALIPAY_HK', amountValue: 12_345, currency: 'HKD' });
    const id = await h.reserveRefund(p.paymentId, 12_345, 'HKD');
    const outcome = await h.client.refund({
      channel: 'IN_STORE',
      refundRequestId: id,
      paymentId: p.paymentId,
      memo: 'Customer returned the goods',
    });
    expect(outcome).toMatchObject({ outcome: 'SUCCESS', refundRequestId: id });
    expect(await h.admin.refund(id)).toMatchObject({
      amountValue: 12_345,
      requestedValue: null,
      status: 'SUCCESS',
      channel: 'IN_STORE',
    });
    expect((await callsFor(id))[0]).toMatchObject({ path: '/v2/payments/refund', outcome: 'SUCCESS' });
  });

  it('answers with DPOS_ codes that resolve to the same catalog entries', async () => {
    const p = await h.newPayment({ channel: 'IN_STORE', amountValue: 500 });
    const outcome = await h.client.refund({
      channel: 'IN_STORE',
      refundRequestId: uid('RFD'),
      paymentId: p.paymentId,
      amount: { value: 501, currency: 'USD' },
    });
    expect(outcome).toMatchObject({
      outcome: 'FAILURE',
      code: 'DPOS_REFUND_REFUND_AMOUNT_EXCEED',
      entry: { canonical: 'REFUND_AMOUNT_EXCEED', kind: 'FIX_REQUEST' },
    });
  });

  it('a card refund is in process, allows no second refund meanwhile, and inquiry by refundId follows it', async () => {
    const p = await h.newPayment({ channel: 'IN_STORE', method: 'CARD', amountValue: 9_000, currency: 'SGD' });
    const id = await h.reserveRefund(p.paymentId, 3_000, 'SGD');
    const outcome = await h.client.refund({
      channel: 'IN_STORE',
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 3_000, currency: 'SGD' },
    });
    expect(outcome).toMatchObject({ outcome: 'PROCESSING', result: { resultCode: 'DPOS_REFUND_REFUND_IN_PROCESS' } });
    const refundId = outcome.outcome === 'PROCESSING' ? outcome.refundId : null;
    expect(refundId).toMatch(/^\d+$/);

    const second = await h.client.refund({
      channel: 'IN_STORE',
      refundRequestId: uid('RFD'),
      paymentId: p.paymentId,
      amount: { value: 1_000, currency: 'SGD' },
    });
    expect(second).toMatchObject({ outcome: 'FAILURE', code: 'DPOS_PAYMENT_ORDER_STATUS_INVALID' });

    expect(await h.client.inquiryRefund({ channel: 'IN_STORE', refundId: refundId! })).toMatchObject({
      outcome: 'SUCCESS',
      refund: { status: 'PROCESSING', rawStatus: 'PENDING', paymentId: p.paymentId },
    });
    await h.admin.finalizeRefund(id, 'FAILED');
    expect(await h.client.inquiryRefund({ channel: 'IN_STORE', refundId: refundId! })).toMatchObject({
      outcome: 'SUCCESS',
      refund: { status: 'FAILED', rawStatus: 'FAILED' },
    });
    // A failed refund holds nothing: the full amount can be refunded again.
    const again = await h.client.refund({
      channel: 'IN_STORE',
      refundRequestId: uid('RFD'),
      paymentId: p.paymentId,
      amount: { value: 9_000, currency: 'SGD' },
    });
    expect(again.outcome).toBe('PROCESSING');
  });
});

describe('signatures, end to end', () => {
  it('a request signed with a key Antom does not know is refused as INVALID_SIGNATURE, nothing applied', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const p = await h.newPayment();
    const id = await h.reserveRefund(p.paymentId, 100, 'USD');
    const outcome = await h.clientWith({ merchantPrivateKey: stranger }).refund({
      channel: 'ONLINE',
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 100, currency: 'USD' },
    });
    expect(outcome).toMatchObject({
      outcome: 'FAILURE',
      code: 'INVALID_SIGNATURE',
      entry: { kind: 'MERCHANT_CONFIG' },
    });
    expect(await h.admin.refund(id)).toBeUndefined();
  });

  it("an answer that does not verify with Antom's key is unknown, never success, though the refund happened", async () => {
    const p = await h.newPayment();
    const id = await h.reserveRefund(p.paymentId, 100, 'USD');
    const outcome = await h.clientWith({ antomPublicKey: h.config.merchantPrivateKey }).refund({
      channel: 'ONLINE',
      refundRequestId: id,
      paymentId: p.paymentId,
      amount: { value: 100, currency: 'USD' },
    });
    expect(outcome).toMatchObject({ outcome: 'UNKNOWN', reason: 'SIGNATURE_INVALID', attempts: 1 });
    expect(await h.admin.refund(id)).toMatchObject({ status: 'SUCCESS', applied: 1 });
    expect((await callsFor(id))[0]).toMatchObject({ signatureVerdict: 'INVALID', outcome: 'UNKNOWN' });
  });
});
