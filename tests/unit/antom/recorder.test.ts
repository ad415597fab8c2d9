import { describe, expect, it } from 'vitest';
import { memoryRecorder, redactBody, redactHeaders, REDACTED, type AntomCallRecord } from '../../../lib/antom/recorder';

describe('redaction', () => {
  it('drops the signature but keeps algorithm and key version', () => {
    expect(
      redactHeaders({
        Signature: 'algorithm=RSA256,keyVersion=2,signature=abc%2B%2F%3D',
        'client-id': 'C',
        'request-time': '1',
      }),
    ).toEqual({
      signature: `algorithm=RSA256,keyVersion=2,signature=${REDACTED}`,
      'client-id': 'C',
      'request-time': '1',
    });
  });

  it('drops secret-looking headers and body fields, and tokens in a notify URL', () => {
    expect(redactHeaders({ authorization: 'Bearer x', cookie: 'a=b', 'x-api-key': 'k' })).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-api-key': REDACTED,
    });
    const body = JSON.parse(
      redactBody(
        JSON.stringify({
          refundNotifyUrl: 'https://shop.example/notify?token=s3cret&x=1',
          nested: { privateKey: 'PEM' },
          refundRequestId: 'R1',
        }),
      ),
    );
    expect(body.refundNotifyUrl).not.toContain('s3cret');
    expect(body.refundNotifyUrl).toContain('https://shop.example/notify');
    expect(body.nested.privateKey).toBe(REDACTED);
    expect(body.refundRequestId).toBe('R1');
    expect(redactBody('not json')).toBe('not json');
  });

  it('the memory recorder stores what the database would get', async () => {
    const recorder = memoryRecorder();
    const call: AntomCallRecord = {
      operation: 'REFUND',
      path: '/v2/payments/refund',
      refundRequestId: 'R1',
      paymentId: 'P1',
      attempt: 1,
      requestHeaders: { signature: 'algorithm=RSA256,keyVersion=1,signature=SECRET' },
      requestBody: '{}',
      httpStatus: 200,
      responseHeaders: { signature: 'algorithm=RSA256,keyVersion=1,signature=ALSO' },
      responseBody: '{}',
      signatureVerdict: 'VALID',
      outcome: 'SUCCESS',
      resultCode: 'SUCCESS',
      resultStatus: 'S',
      error: null,
      latencyMs: 3,
      startedAt: new Date(),
    };
    await recorder.record(call);
    expect(JSON.stringify(recorder.calls)).not.toMatch(/SECRET|ALSO/);
  });
});
