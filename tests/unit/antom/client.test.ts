// The client against a scripted gateway: answers the sandbox would never give (mismatched ids,
// odd statuses, broken bodies) and the retry arithmetic, checked call by call.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAntomClient } from '../../../lib/antom/client';
import { memoryRecorder } from '../../../lib/antom/recorder';
import { signedHeaders, verifySignature } from '../../../lib/antom/signing';
import { AntomRequestError } from '../../../lib/antom/transport';
import { fixedConfig, PEMS } from '../../fixtures/antom';

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
interface Reply {
  status?: number;
  body?: object | string;
  signWith?: 'antom' | 'merchant' | 'none';
  clientId?: string;
  hang?: boolean;
}

const antomKey = createPrivateKey(PEMS.antomPrivate);
const merchantKey = createPrivateKey(PEMS.merchantPrivate);
const merchantPublic = createPublicKey(PEMS.merchantPublic);
const servers: http.Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function gateway(script: (seen: Seen, n: number) => Reply) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      const reply = script(s, seen.length);
      if (reply.hang) return;
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
      const clientId = reply.clientId ?? 'TEST_CLIENT';
      const time = new Date().toISOString();
      const key = reply.signWith === 'merchant' ? merchantKey : antomKey;
      const headers =
        reply.signWith === 'none'
          ? {}
          : signedHeaders({ method: 'POST', path: s.path, clientId, time, body: text }, key, 1, 'response-time');
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...headers });
      res.end(text);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen };
}

function clientFor(url: string, overrides: Parameters<typeof fixedConfig>[0] = {}) {
  const recorder = memoryRecorder();
  const sleep = vi.fn(async (_ms: number) => {});
  const client = createAntomClient({
    config: fixedConfig({ gatewayUrl: url, ...overrides }),
    recorder,
    sleep,
    random: () => 0.5,
    retryBaseDelayMs: 100,
  });
  return { client, recorder, sleep };
}

const S = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'Success.' };
const onlineRefund = {
  channel: 'ONLINE' as const,
  refundRequestId: 'RFD_1',
  paymentId: 'P1',
  amount: { value: 1250, currency: 'USD' },
};

describe('refund', () => {
  it('sends a signed request with the amount as a string and reads a success', async () => {
    const gw = await gateway(() => ({
      body: {
        result: S,
        refundRequestId: 'RFD_1',
        refundId: 'R9',
        refundTime: '2026-11-22T10:00:00Z',
        refundAmount: { value: 1250, currency: 'USD' },
      },
    }));
    const { client, recorder } = clientFor(gw.url);
    const outcome = await client.refund({ ...onlineRefund, reason: 'Ölkanne beschädigt' });
    expect(outcome).toMatchObject({ outcome: 'SUCCESS', refundId: 'R9', refundRequestId: 'RFD_1', attempts: 1 });
    const [req] = gw.seen;
    expect(req!.path).toBe('/ams/api/v1/payments/refund');
    expect(req!.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(req!.body)).toEqual({
      refundRequestId: 'RFD_1',
      paymentId: 'P1',
      refundAmount: { value: '1250', currency: 'USD' },
      refundReason: 'Ölkanne beschädigt',
    });
    const check = verifySignature(
      {
        method: 'POST',
        path: req!.path,
        clientId: req!.headers['client-id'] as string,
        time: req!.headers['request-time'] as string,
        body: req!.body,
        signatureHeader: req!.headers.signature as string,
      },
      merchantPublic,
      'TEST_CLIENT',
    );
    expect(check.verdict).toBe('VALID');
    expect(req!.headers['request-time']).toMatch(/^\d{13}$/);
    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]).toMatchObject({
      operation: 'REFUND',
      outcome: 'SUCCESS',
      signatureVerdict: 'VALID',
      refundRequestId: 'RFD_1',
      paymentId: 'P1',
    });
  });

  it('uses the in-store path, and omits the amount for a full refund', async () => {
    const gw = await gateway(() => ({ body: { result: S, refundRequestId: 'RFD_2', refundId: 'R2' } }));
    const { client } = clientFor(gw.url);
    expect(
      await client.refund({ channel: 'IN_STORE', refundRequestId: 'RFD_2', paymentId: 'P2', memo: '' }),
    ).toMatchObject({ outcome: 'SUCCESS' });
    expect(gw.seen[0]!.path).toBe('/v2/payments/refund');
    expect(JSON.parse(gw.seen[0]!.body)).toEqual({ refundRequestId: 'RFD_2', paymentId: 'P2', memo: '' });
  });

  it('uses /ams/sandbox/api for a SANDBOX_ client id', async () => {
    const gw = await gateway(() => ({
      body: { result: S, refundRequestId: 'RFD_1', refundId: 'R' },
      clientId: 'SANDBOX_X',
    }));
    const { client } = clientFor(gw.url, { clientId: 'SANDBOX_X' });
    expect(await client.refund(onlineRefund)).toMatchObject({ outcome: 'SUCCESS' });
    expect(gw.seen[0]!.path).toBe('/ams/sandbox/api/v1/payments/refund');
  });

  it('refuses bad input with a clear error and sends nothing', async () => {
    const gw = await gateway(() => ({ body: { result: S } }));
    const { client, recorder } = clientFor(gw.url);
    const bad = [
      { ...onlineRefund, refundRequestId: 'has-dash' },
      { ...onlineRefund, refundRequestId: 'x'.repeat(65) },
      { ...onlineRefund, amount: { value: 12.5, currency: 'USD' } },
      { ...onlineRefund, amount: { value: -1, currency: 'USD' } },
      { ...onlineRefund, amount: { value: 2147483648, currency: 'USD' } },
      { ...onlineRefund, amount: { value: 100, currency: 'usd' } },
      { ...onlineRefund, reason: 'r'.repeat(257) },
    ];
    for (const input of bad) await expect(client.refund(input)).rejects.toThrow(AntomRequestError);
    await expect(
      client.refund({ channel: 'IN_STORE', refundRequestId: 'R', paymentId: 'P', memo: 'm'.repeat(257) }),
    ).rejects.toThrow(/memo/);
    await expect(client.refund({ ...onlineRefund, refundRequestId: 'has-dash' })).rejects.toThrow(
      /refundRequestId.*letters, digits and underscores|letters, digits and underscores[\s\S]*refundRequestId/,
    );
    await expect(client.inquiryRefund({ channel: 'ONLINE' })).rejects.toThrow(/refundRequestId or refundId/);
    await expect(client.inquiryPayment({ paymentRequestId: 'has space' })).rejects.toThrow(AntomRequestError);
    expect(gw.seen).toHaveLength(0);
    expect(recorder.calls).toHaveLength(0);
  });

  it('treats REFUND_IN_PROCESS as accepted-not-final, whether Antom calls it S or U, and never resends it', async () => {
    for (const resultStatus of ['S', 'U']) {
      const gw = await gateway(() => ({
        body: { result: { resultCode: 'REFUND_IN_PROCESS', resultStatus }, refundRequestId: 'RFD_1', refundId: 'R7' },
      }));
      const { client, recorder } = clientFor(gw.url);
      expect(await client.refund(onlineRefund)).toMatchObject({
        outcome: 'PROCESSING',
        refundId: 'R7',
        entry: { kind: 'WAIT_FOR_RESULT' },
      });
      expect(gw.seen).toHaveLength(1);
      expect(recorder.calls[0]!.outcome).toBe('UNKNOWN');
    }
  });

  it('retries a U with the same body, jittered and bounded, then reports unknown', async () => {
    const gw = await gateway(() => ({ body: { result: { resultCode: 'UNKNOWN_EXCEPTION', resultStatus: 'U' } } }));
    const { client, recorder, sleep } = clientFor(gw.url, { maxRetries: 2 });
    const outcome = await client.refund(onlineRefund);
    expect(outcome).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'RESULT_UNKNOWN',
      attempts: 3,
      entry: { kind: 'RETRY_SAME_ID' },
    });
    expect(gw.seen).toHaveLength(3);
    expect(new Set(gw.seen.map((s) => s.body)).size).toBe(1);
    // base 100 ms doubling, half fixed and half jitter (random 0.5): 75, 150.
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([75, 150]);
    expect(recorder.calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
  });

  it('never retries an F, known or unknown', async () => {
    const gw = await gateway(() => ({
      body: { result: { resultCode: 'SOMETHING_NEW', resultStatus: 'F', resultMessage: 'no' } },
    }));
    const { client } = clientFor(gw.url);
    expect(await client.refund(onlineRefund)).toMatchObject({
      outcome: 'FAILURE',
      code: 'SOMETHING_NEW',
      entry: { known: false, kind: 'CONTACT_SUPPORT' },
    });
    expect(gw.seen).toHaveLength(1);
  });

  it('retries an HTTP 5xx and takes the answer that follows', async () => {
    const gw = await gateway((_, n) =>
      n === 1
        ? { status: 503, body: 'busy', signWith: 'none' }
        : { body: { result: S, refundRequestId: 'RFD_1', refundId: 'R1' } },
    );
    const { client, recorder } = clientFor(gw.url);
    expect(await client.refund(onlineRefund)).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
    expect(recorder.calls.map((c) => [c.attempt, c.httpStatus, c.outcome])).toEqual([
      [1, 503, 'UNKNOWN'],
      [2, 200, 'SUCCESS'],
    ]);
  });

  it('fails closed on answers it cannot trust, and does not retry them', async () => {
    const cases: [Reply, string][] = [
      [{ signWith: 'none', body: { result: S, refundRequestId: 'RFD_1', refundId: 'R' } }, 'SIGNATURE_MISSING'],
      [{ signWith: 'merchant', body: { result: S, refundRequestId: 'RFD_1', refundId: 'R' } }, 'SIGNATURE_INVALID'],
      [{ clientId: 'SOMEONE_ELSE', body: { result: S, refundRequestId: 'RFD_1', refundId: 'R' } }, 'SIGNATURE_INVALID'],
      [{ body: 'not json' }, 'UNPARSEABLE'],
      [{ body: { refundId: 'R' } }, 'UNPARSEABLE'],
      [{ body: { result: S, refundRequestId: 'RFD_1' } }, 'UNPARSEABLE'],
      [{ body: { result: S, refundRequestId: 'RFD_OTHER', refundId: 'R' } }, 'MISMATCH'],
      [
        {
          body: {
            result: S,
            refundRequestId: 'RFD_1',
            refundId: 'R',
            refundAmount: { value: '1251', currency: 'USD' },
          },
        },
        'MISMATCH',
      ],
    ];
    for (const [reply, reason] of cases) {
      const gw = await gateway(() => reply);
      const { client, recorder } = clientFor(gw.url);
      expect(await client.refund(onlineRefund), reason).toMatchObject({ outcome: 'UNKNOWN', reason, attempts: 1 });
      expect(gw.seen).toHaveLength(1);
      expect(recorder.calls[0]!.outcome).toBe('UNKNOWN');
    }
  });

  it('gives up after the total timeout and resends with the same id', async () => {
    const gw = await gateway((_, n) =>
      n === 1 ? { hang: true } : { body: { result: S, refundRequestId: 'RFD_1', refundId: 'R1' } },
    );
    const { client, recorder } = clientFor(gw.url, { timeoutMs: 150 });
    expect(await client.refund(onlineRefund)).toMatchObject({ outcome: 'SUCCESS', attempts: 2 });
    expect(recorder.calls[0]).toMatchObject({ outcome: 'UNKNOWN', httpStatus: null, signatureVerdict: 'NOT_CHECKED' });
    expect(recorder.calls[0]!.error).toMatch(/no complete answer within 150 ms.*may have been applied/);
  });

  it('reports a refused connection as unknown, noting that nothing arrived', async () => {
    const gw = await gateway(() => ({}));
    const closed = servers.pop()!;
    closed.closeAllConnections();
    await new Promise((r) => closed.close(r));
    const { client } = clientFor(gw.url, { maxRetries: 1 });
    expect(await client.refund(onlineRefund)).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'NETWORK',
      attempts: 2,
      detail: expect.stringMatching(/did not reach Antom/),
    });
  });

  it('still returns the outcome when recording fails', async () => {
    const gw = await gateway(() => ({ body: { result: S, refundRequestId: 'RFD_1', refundId: 'R1' } }));
    const onRecordError = vi.fn();
    const client = createAntomClient({
      config: fixedConfig({ gatewayUrl: gw.url }),
      recorder: { record: async () => Promise.reject(new Error('database down')) },
      onRecordError,
    });
    expect(await client.refund(onlineRefund)).toMatchObject({ outcome: 'SUCCESS' });
    expect(onRecordError).toHaveBeenCalledOnce();
  });
});

describe('inquiries', () => {
  it('online inquiryRefund sends both ids, and refundId decides whose answer it is', async () => {
    const gw = await gateway(() => ({
      body: {
        result: S,
        refundId: 'R_OTHER',
        refundRequestId: 'RFD_1',
        refundStatus: 'SUCCESS',
        refundAmount: { value: '5', currency: 'USD' },
      },
    }));
    const { client } = clientFor(gw.url);
    expect(await client.inquiryRefund({ channel: 'ONLINE', refundRequestId: 'RFD_1', refundId: 'R_1' })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'MISMATCH',
    });
    expect(JSON.parse(gw.seen[0]!.body)).toEqual({ refundRequestId: 'RFD_1', refundId: 'R_1' });
  });

  it('in-store inquiryRefund maps PENDING and FAILED and keeps the raw word', async () => {
    for (const [word, status] of [
      ['Pending', 'PROCESSING'],
      ['FAILED', 'FAILED'],
    ] as const) {
      const gw = await gateway(() => ({ body: { result: S, refundId: 'R5', paymentId: 'P5', refundStatus: word } }));
      const { client } = clientFor(gw.url);
      const outcome = await client.inquiryRefund({ channel: 'IN_STORE', refundId: 'R5' });
      expect(outcome).toMatchObject({
        outcome: 'SUCCESS',
        refund: { refundId: 'R5', paymentId: 'P5', status, rawStatus: word, amount: null },
      });
      expect(gw.seen[0]!.path).toBe('/v2/payments/inquiryRefund');
    }
  });

  it('an inquiry that Antom cannot answer (F) is a failure of the inquiry, with the documented action', async () => {
    const gw = await gateway(() => ({ body: { result: { resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F' } } }));
    const { client } = clientFor(gw.url);
    expect(await client.inquiryRefund({ channel: 'ONLINE', refundRequestId: 'RFD_1' })).toMatchObject({
      outcome: 'FAILURE',
      code: 'ORDER_NOT_EXIST',
      entry: { kind: 'RETRY_LATER', retryAfterMs: 15000, maxRetries: 3 },
    });
  });

  it('an inquiry is retried on any U, since asking changes nothing', async () => {
    const gw = await gateway((_, n) =>
      n === 1
        ? { body: { result: { resultCode: 'ODD', resultStatus: 'U' } } }
        : { body: { result: S, refundId: 'R5', refundStatus: 'SUCCESS' } },
    );
    const { client } = clientFor(gw.url);
    expect(await client.inquiryRefund({ channel: 'IN_STORE', refundId: 'R5' })).toMatchObject({
      outcome: 'SUCCESS',
      attempts: 2,
    });
  });

  it('inquiryPayment reads "Success" and string amounts, and checks whose payment it is', async () => {
    const answer = {
      result: S,
      paymentRequestId: 'POS_1',
      paymentId: 'P1',
      paymentCreateTime: '2025-02-08T12:01:01+08:00',
      paymentTime: '2025-02-08T12:01:01+08:00',
      paymentStatus: 'Success',
      paymentAmount: { currency: 'SGD', value: '50000' },
      paymentMethod: 'CARD',
    };
    const gw = await gateway(() => ({ body: answer }));
    const { client } = clientFor(gw.url);
    expect(await client.inquiryPayment({ paymentRequestId: 'POS_1' })).toMatchObject({
      outcome: 'SUCCESS',
      payment: {
        paymentId: 'P1',
        status: 'SUCCESS',
        rawStatus: 'Success',
        amount: { value: 50000, currency: 'SGD' },
        method: 'CARD',
      },
    });
    expect(await client.inquiryPayment({ paymentRequestId: 'POS_2' })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'MISMATCH',
    });
  });

  it('online inquiryPayment asks /v1 by exactly one id, every field a string, and checks whose payment it is', async () => {
    const answer = {
      result: S,
      paymentStatus: 'PENDING',
      paymentRequestId: 'ORD_1',
      paymentId: '2026112211401',
      paymentAmount: { currency: 'USD', value: '1250' },
      paymentCreateTime: '2026-11-22T10:00:00+08:00',
      paymentMethodType: 'GCASH',
    };
    const gw = await gateway(() => ({ body: answer }));
    const { client, recorder } = clientFor(gw.url);
    expect(await client.inquiryPayment({ channel: 'ONLINE', paymentId: '2026112211401' })).toMatchObject({
      outcome: 'SUCCESS',
      payment: {
        paymentId: '2026112211401',
        paymentRequestId: 'ORD_1',
        status: 'PENDING',
        amount: { value: 1250, currency: 'USD' },
        method: 'GCASH',
        paidAt: null,
      },
    });
    expect(gw.seen[0]).toMatchObject({ path: '/ams/api/v1/payments/inquiryPayment' });
    expect(JSON.parse(gw.seen[0]!.body)).toEqual({ paymentId: '2026112211401' });
    expect(recorder.calls[0]).toMatchObject({ operation: 'INQUIRY_PAYMENT', paymentId: '2026112211401' });
    expect(await client.inquiryPayment({ channel: 'ONLINE', paymentRequestId: 'ORD_1' })).toMatchObject({
      outcome: 'SUCCESS',
    });
    expect(JSON.parse(gw.seen[1]!.body)).toEqual({ paymentRequestId: 'ORD_1' });
    // Another payment's answer, whichever id was asked, is never taken for this one.
    expect(await client.inquiryPayment({ channel: 'ONLINE', paymentId: '2026112211402' })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'MISMATCH',
    });
    expect(await client.inquiryPayment({ channel: 'ONLINE', paymentRequestId: 'ORD_2' })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'MISMATCH',
    });
    // No id, or both, is refused before anything is sent.
    await expect(client.inquiryPayment({ channel: 'ONLINE', paymentRequestId: '' } as never)).rejects.toThrow(
      AntomRequestError,
    );
    await expect(
      client.inquiryPayment({ channel: 'ONLINE', paymentId: 'P', paymentRequestId: 'R' } as never),
    ).rejects.toThrow(AntomRequestError);
    expect(gw.seen).toHaveLength(4);
  });

  it('online inquiryPayment: an answer without the merchant request id cannot be imported', async () => {
    const gw = await gateway(() => ({
      body: { result: S, paymentStatus: 'SUCCESS', paymentId: 'P9', paymentAmount: { currency: 'USD', value: '5' } },
    }));
    const { client } = clientFor(gw.url);
    expect(await client.inquiryPayment({ channel: 'ONLINE', paymentId: 'P9' })).toMatchObject({
      outcome: 'UNKNOWN',
      reason: 'UNPARSEABLE',
    });
  });

  it('online inquiryPayment: ORDER_NOT_EXIST is a failure, not an unknown outcome', async () => {
    const gw = await gateway(() => ({
      body: {
        result: { resultCode: 'ORDER_NOT_EXIST', resultStatus: 'F', resultMessage: 'The order does not exist.' },
      },
      clientId: 'SANDBOX_X',
    }));
    const { client } = clientFor(gw.url, { clientId: 'SANDBOX_X' });
    expect(await client.inquiryPayment({ channel: 'ONLINE', paymentRequestId: 'ORD_404' })).toMatchObject({
      outcome: 'FAILURE',
      code: 'ORDER_NOT_EXIST',
      entry: { canonical: 'ORDER_NOT_EXIST' },
    });
    expect(gw.seen[0]!.path).toBe('/ams/sandbox/api/v1/payments/inquiryPayment');
  });
});
