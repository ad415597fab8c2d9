import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  NOTIFY_ACK_BODY,
  NOTIFY_REFUND_ACK_BODY,
  notifyRefundAck,
  verifyNotifyPayment,
  verifyNotifyRefund,
} from '../../../lib/antom/notifications';
import { signedHeaders } from '../../../lib/antom/signing';
import { fixedConfig, PEMS } from '../../fixtures/antom';

const config = fixedConfig();
const antomKey = createPrivateKey(PEMS.antomPrivate);
const merchantKey = createPrivateKey(PEMS.merchantPrivate);
const webhookPath = '/api/antom/notify';

const body = JSON.stringify({
  notifyType: 'REFUND_RESULT',
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
  refundRequestId: 'RFD_ORD_1',
  refundId: '20261122115012345678901234',
  paymentId: '2026112211401234',
  refundAmount: { value: '1999', currency: 'EUR' },
  refundStatus: 'SUCCESS',
  refundTime: '2026-11-22T10:00:00+08:00',
  note: 'Rückerstattung ✓',
});

function signed(text = body, key = antomKey, path = webhookPath, clientId = config.clientId) {
  return signedHeaders({ method: 'POST', path, clientId, time: String(Date.now()), body: text }, key, 1);
}

describe('notifyRefund', () => {
  it('verifies, reads and acknowledges a notification signed by Antom', () => {
    const check = verifyNotifyRefund(config, { path: webhookPath, headers: signed(), rawBody: body });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.notification).toMatchObject({
      refundRequestId: 'RFD_ORD_1',
      status: 'SUCCESS',
      rawStatus: 'SUCCESS',
      amount: { value: 1999, currency: 'EUR' },
      paymentId: '2026112211401234',
    });
    expect(check.notification.refundTime?.toISOString()).toBe('2026-11-22T02:00:00.000Z');
    expect(check.notification.entry.kind).toBe('DONE');
    expect(check.reply).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: NOTIFY_REFUND_ACK_BODY,
    });
  });

  it('answers with exactly the documented acknowledgement', () => {
    expect(notifyRefundAck().body).toBe(
      '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}',
    );
  });

  it('reads web Headers as well as plain header records, in any case', () => {
    const headers = new Headers(signed());
    expect(verifyNotifyRefund(config, { path: webhookPath, headers, rawBody: body }).ok).toBe(true);
    const upper = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), [v]]));
    expect(verifyNotifyRefund(config, { path: webhookPath, headers: upper, rawBody: body }).ok).toBe(true);
  });

  it('maps FAIL to FAILED and keeps the raw word', () => {
    const failed = body.replace('"refundStatus":"SUCCESS"', '"refundStatus":"Fail"');
    const check = verifyNotifyRefund(config, { path: webhookPath, headers: signed(failed), rawBody: failed });
    expect(check.ok && check.notification).toMatchObject({ status: 'FAILED', rawStatus: 'Fail' });
  });

  it('refuses, without acknowledging, anything not signed by Antom over this body and path', () => {
    const cases = [
      { headers: {}, rawBody: body, reason: 'SIGNATURE_MISSING' },
      { headers: signed(body, merchantKey), rawBody: body, reason: 'SIGNATURE_INVALID' },
      { headers: signed(), rawBody: body.replace('1999', '9999'), reason: 'SIGNATURE_INVALID' },
      { headers: signed(body, antomKey, '/other/path'), rawBody: body, reason: 'SIGNATURE_INVALID' },
      { headers: signed(body, antomKey, webhookPath, 'SOMEONE_ELSE'), rawBody: body, reason: 'SIGNATURE_INVALID' },
    ];
    for (const c of cases) {
      const check = verifyNotifyRefund(config, { path: webhookPath, headers: c.headers, rawBody: c.rawBody });
      expect(check).toMatchObject({ ok: false, reason: c.reason });
      expect(check.reply.status).toBe(401);
      expect(check.reply.body).not.toBe(NOTIFY_REFUND_ACK_BODY);
    }
  });

  it('refuses a well-signed body that is not a refund notification', () => {
    const odd = JSON.stringify({ notifyType: 'REFUND_RESULT', refundStatus: 'PROCESSING' });
    const check = verifyNotifyRefund(config, { path: webhookPath, headers: signed(odd), rawBody: odd });
    expect(check).toMatchObject({ ok: false, verdict: 'VALID', reason: 'UNPARSEABLE' });
    expect(check.reply.status).toBe(400);
    const notJson = 'refund ok';
    expect(verifyNotifyRefund(config, { path: webhookPath, headers: signed(notJson), rawBody: notJson })).toMatchObject(
      { ok: false, reason: 'UNPARSEABLE' },
    );
  });
});

describe('notifyPayment', () => {
  // As the online page describes it (docs.antom.com/ac/ams/paymentrn_online): every value a string.
  const payment = {
    notifyType: 'PAYMENT_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
    paymentRequestId: 'ORDER_2026_0001',
    paymentId: '20261202194012345678901234',
    paymentAmount: { value: '1250', currency: 'USD' },
    paymentCreateTime: '2026-12-02T10:00:00+08:00',
    paymentTime: '2026-12-02T10:00:05+08:00',
    paymentMethodType: 'ALIPAY_CN',
    grossSettlementAmount: { value: '1000', currency: 'EUR' },
    settlementQuote: { quoteCurrencyPair: 'USD/EUR', quotePrice: '0.8' },
    pspCustomerInfo: { pspName: 'AlipayCN' },
  };
  const check = (fields: Record<string, unknown>) => {
    const text = JSON.stringify(fields);
    return verifyNotifyPayment(config, {
      path: '/api/antom/notify-payment',
      headers: signed(text, antomKey, '/api/antom/notify-payment'),
      rawBody: text,
    });
  };

  it('verifies and reads a payment result, and acknowledges it with the same body as notifyRefund', () => {
    const c = check(payment);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.notification).toEqual({
      notifyType: 'PAYMENT_RESULT',
      paymentRequestId: 'ORDER_2026_0001',
      paymentId: '20261202194012345678901234',
      status: 'SUCCESS',
      amount: { value: 1250, currency: 'USD' },
      method: 'ALIPAY_CN',
      createdAt: new Date('2026-12-02T02:00:00Z'),
      paidAt: new Date('2026-12-02T02:00:05Z'),
      result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
    });
    expect(c.reply.body).toBe(NOTIFY_ACK_BODY);
    expect(NOTIFY_ACK_BODY).toBe(NOTIFY_REFUND_ACK_BODY);
  });

  it('reads the state each notifyType and result status reports', () => {
    const state = (notifyType: string, resultStatus?: string) => {
      const c = check({
        ...payment,
        notifyType,
        result: resultStatus ? { ...payment.result, resultStatus } : undefined,
      });
      return c.ok ? c.notification.status : c.detail;
    };
    expect(state('PAYMENT_RESULT', 'S')).toBe('SUCCESS');
    expect(state('PAYMENT_RESULT', 'F')).toBe('FAIL');
    expect(state('PAYMENT_RESULT', 'U')).toBe('PROCESSING');
    expect(state('PAYMENT_PENDING', 'S')).toBe('PENDING');
    // In store: an offline payment code is no result; nor is a result without its result object.
    expect(state('OFFLINE_PAYMENT_CODE', 'S')).toBeNull();
    expect(state('PAYMENT_RESULT')).toBeNull();
  });

  it('types every field as documented: amounts strings of minor units, times ISO 8601 with offset', () => {
    const unreadable = (fields: Record<string, unknown>) => {
      const c = check(fields);
      expect(c).toMatchObject({ ok: false, verdict: 'VALID', reason: 'UNPARSEABLE' });
      return c.ok ? '' : c.detail;
    };
    expect(unreadable({ ...payment, paymentAmount: { value: 1250, currency: 'USD' } })).toMatch(/paymentAmount.value/);
    expect(unreadable({ ...payment, paymentAmount: { value: '12.50', currency: 'USD' } })).toMatch(
      /paymentAmount.value/,
    );
    expect(unreadable({ ...payment, paymentAmount: { value: '1250', currency: 'usd' } })).toMatch(/currency/);
    expect(unreadable({ ...payment, paymentTime: '2026-12-02T10:00:05' })).toMatch(/paymentTime/);
    expect(unreadable({ ...payment, paymentCreateTime: '2 Dec 2026' })).toMatch(/paymentCreateTime/);
    expect(unreadable({ ...payment, notifyType: 'REFUND_RESULT' })).toMatch(/notifyType/);
    expect(unreadable({ ...payment, paymentId: 'x'.repeat(65) })).toMatch(/paymentId/);
    expect(unreadable({ ...payment, grossSettlementAmount: { value: 'ten', currency: 'EUR' } })).toMatch(
      /grossSettlementAmount/,
    );
    const { paymentRequestId: _gone, ...noRequestId } = payment;
    expect(unreadable(noRequestId)).toMatch(/paymentRequestId/);
    // Times in Z and in an offset both read; optional ones may be absent.
    const { paymentTime: _t, paymentCreateTime: _c, paymentMethodType: _m, ...bare } = payment;
    expect(check({ ...bare, notifyType: 'PAYMENT_PENDING' })).toMatchObject({
      ok: true,
      notification: { status: 'PENDING', paidAt: null, createdAt: null, method: null },
    });
    expect(check({ ...payment, paymentTime: '2026-12-02T02:00:05Z' }).ok).toBe(true);
  });

  it('refuses, without acknowledging, a payment notification not signed by Antom', () => {
    const text = JSON.stringify(payment);
    const path = '/api/antom/notify-payment';
    for (const headers of [{}, signed(text, merchantKey, path), signed(text, antomKey, '/api/antom/notify-refund')]) {
      const c = verifyNotifyPayment(config, { path, headers, rawBody: text });
      expect(c.ok).toBe(false);
      expect(c.reply.status).toBe(401);
    }
  });
});
