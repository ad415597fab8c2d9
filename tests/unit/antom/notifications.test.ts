import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NOTIFY_REFUND_ACK_BODY, notifyRefundAck, verifyNotifyRefund } from '../../../lib/antom/notifications';
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
