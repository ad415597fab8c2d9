// The sandbox itself: keys and ledger kept across restarts, admin routes, protocol errors, and the
// standalone entry point.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAntomClient } from '../../../lib/antom/client';
import { loadAntomConfig, type AntomConfig } from '../../../lib/antom/config';
import { memoryRecorder } from '../../../lib/antom/recorder';
import { sandboxAdmin, startSandbox } from '../../../sandbox';
import { signedHeaders } from '../../../lib/antom/signing';
import { apiPath } from '../../../lib/antom/paths';
import { eventually, FIXED_KEYS, startWebhook, uid } from './harness';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'antom-sandbox-'));
  dirs.push(d);
  return d;
};

const payment = (over: Partial<{ paymentId: string; method: string; channel: 'ONLINE' | 'IN_STORE' }> = {}) => ({
  paymentId: over.paymentId ?? uid('PAY'),
  paymentRequestId: uid('ORD'),
  channel: over.channel ?? ('ONLINE' as const),
  amountValue: 3_000,
  currency: 'USD',
  method: over.method ?? 'ALIPAY_CN',
});

/** A request signed with the merchant's key, as our client would sign it, whatever its body says. */
async function signedPost(sandbox: { url: string; appEnv: Record<string, string> }, pathname: string, json: unknown) {
  const config = loadAntomConfig(sandbox.appEnv);
  const body = JSON.stringify(json);
  const headers = signedHeaders(
    { method: 'POST', path: pathname, clientId: config.clientId, time: String(Date.now()), body },
    config.merchantPrivateKey,
    1,
  );
  const res = await fetch(sandbox.url + pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return ((await res.json()) as { result: { resultCode: string; resultStatus: string; resultMessage: string } }).result;
}

describe('persistence', () => {
  it('creates its key pairs on first start and keeps keys and ledger across a restart', async () => {
    const dataDir = tempDir();
    const first = await startSandbox({ dataDir, seed: { anchor: new Date('2026-11-22T00:00:00Z'), count: 20 } });
    expect(existsSync(path.join(dataDir, 'keys', 'antom-private.pem'))).toBe(true);
    expect(readFileSync(path.join(dataDir, 'keys', 'merchant-public.pem'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    const p = payment();
    await sandboxAdmin(first.url).registerPayment(p);
    const client = createAntomClient({ config: loadAntomConfig(first.appEnv), recorder: memoryRecorder() });
    const refundRequestId = uid('RFD');
    const outcome = await client.refund({
      channel: 'ONLINE',
      refundRequestId,
      paymentId: p.paymentId,
      amount: { value: 1_000, currency: 'USD' },
    });
    expect(outcome.outcome).toBe('SUCCESS');
    await first.stop();

    const second = await startSandbox({ dataDir, seed: { anchor: new Date('2030-01-01T00:00:00Z') } });
    try {
      expect(second.appEnv.ANTOM_MERCHANT_PRIVATE_KEY).toBe(first.appEnv.ANTOM_MERCHANT_PRIVATE_KEY);
      expect(second.appEnv.ANTOM_PUBLIC_KEY).toBe(first.appEnv.ANTOM_PUBLIC_KEY);
      const ledger = await sandboxAdmin(second.url).ledger({ paymentId: p.paymentId });
      expect(ledger.seededWith).toEqual({ anchor: '2026-11-22T00:00:00.000Z', count: 20 }); // seeded once, not again
      expect(ledger.refunds).toMatchObject([{ refundRequestId, status: 'SUCCESS', applied: 1 }]);
      // The same client configuration still works: same keys, same ledger, same answer.
      const again = await createAntomClient({
        config: loadAntomConfig(second.appEnv),
        recorder: memoryRecorder(),
      }).refund({
        channel: 'ONLINE',
        refundRequestId,
        paymentId: p.paymentId,
        amount: { value: 1_000, currency: 'USD' },
      });
      expect(again).toMatchObject({
        outcome: 'SUCCESS',
        refundId: outcome.outcome === 'SUCCESS' ? outcome.refundId : '',
      });
    } finally {
      await second.stop();
    }
  });

  it('finishes refunds that were in process when it stopped, and notifies', async () => {
    const dataDir = tempDir();
    const current: { config?: AntomConfig } = {};
    const webhook = await startWebhook(() => current.config!);
    const first = await startSandbox({
      dataDir,
      keys: FIXED_KEYS,
      seed: false,
      asyncDelayMs: 600_000,
      notifyUrl: webhook.url,
    });
    const config = loadAntomConfig(first.appEnv);
    current.config = config;
    const p = payment({ method: 'CARD' });
    await sandboxAdmin(first.url).registerPayment(p);
    const refundRequestId = uid('RFD');
    const outcome = await createAntomClient({ config, recorder: memoryRecorder() }).refund({
      channel: 'ONLINE',
      refundRequestId,
      paymentId: p.paymentId,
      amount: { value: 500, currency: 'USD' },
    });
    expect(outcome.outcome).toBe('PROCESSING');
    await first.stop();

    const second = await startSandbox({
      dataDir,
      keys: FIXED_KEYS,
      seed: false,
      asyncDelayMs: 20,
      notifyUrl: webhook.url,
      notifySchedule: [0, 30],
    });
    try {
      const [note] = await eventually(
        () => webhook.about(refundRequestId).length > 0 && webhook.about(refundRequestId),
        'the notification after restart',
      );
      expect(note!.check).toMatchObject({ ok: true, notification: { status: 'SUCCESS' } });
      expect(await sandboxAdmin(second.url).refund(refundRequestId)).toMatchObject({ status: 'SUCCESS', applied: 1 });
    } finally {
      await second.stop();
      await webhook.stop();
    }
  });
});

describe('admin routes', () => {
  it('register payments idempotently and refuse changed money', async () => {
    const sandbox = await startSandbox({ persist: false, seed: false, keys: FIXED_KEYS });
    try {
      const admin = sandboxAdmin(sandbox.url);
      const p = payment();
      expect(await admin.registerPayment(p)).toMatchObject({ paymentId: p.paymentId, status: 'SUCCESS' });
      expect(await admin.registerPayment(p)).toMatchObject({ paymentId: p.paymentId });
      await expect(admin.registerPayment({ ...p, amountValue: 3_001 })).rejects.toThrow(/409/);
      await expect(admin.registerPayment({ ...payment(), paymentRequestId: p.paymentRequestId })).rejects.toThrow(
        /409/,
      );
      await expect(admin.registerPayment({ ...p, currency: 'usd' })).rejects.toThrow(/400/);
    } finally {
      await sandbox.stop();
    }
  });

  it('take faults at start, list them, and reset them', async () => {
    const sandbox = await startSandbox({
      persist: false,
      seed: false,
      keys: FIXED_KEYS,
      faults: [{ fault: 'unknown', count: 1 }],
    });
    try {
      const res = await fetch(`${sandbox.url}/__sandbox/faults`);
      expect((await res.json()) as unknown).toMatchObject({ faults: [{ fault: 'unknown', count: 1, fired: 0 }] });
      const admin = sandboxAdmin(sandbox.url);
      await expect(admin.setFaults([{ fault: 'meltdown' as 'unknown' }])).rejects.toThrow(/400/);
      await admin.resetFaults();
      expect(((await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as { faults: unknown[] }).faults).toEqual(
        [],
      );
    } finally {
      await sandbox.stop();
    }
  });
});

describe('protocol errors', () => {
  it('answers unknown paths, other methods and other media types with signed errors', async () => {
    const sandbox = await startSandbox({ persist: false, seed: false, keys: FIXED_KEYS });
    try {
      const post = (p: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
        fetch(sandbox.url + p, { method: 'POST', headers, body: '{}' });
      const notFound = await post('/ams/api/v1/payments/pay');
      expect(notFound.status).toBe(404);
      expect(notFound.headers.get('signature')).toMatch(/^algorithm=RSA256/);
      expect(((await notFound.json()) as { result: { resultCode: string } }).result.resultCode).toBe(
        'NO_INTERFACE_DEF',
      );
      const get = await fetch(`${sandbox.url}/v2/payments/inquiryPayment`);
      expect(get.status).toBe(405);
      expect(((await get.json()) as { result: { resultCode: string } }).result.resultCode).toBe('METHOD_NOT_SUPPORTED');
      const text = await post('/v2/payments/inquiryPayment', { 'content-type': 'text/plain' });
      expect(((await text.json()) as { result: { resultCode: string } }).result.resultCode).toBe(
        'MEDIA_TYPE_NOT_ACCEPTABLE',
      );
      const stranger = await post('/v2/payments/inquiryPayment', {
        'content-type': 'application/json',
        'client-id': 'NOT_US',
      });
      expect(((await stranger.json()) as { result: { resultCode: string } }).result.resultCode).toBe('CLIENT_INVALID');
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses a signed request whose body breaks the documented rules', async () => {
    const sandbox = await startSandbox({ persist: false, seed: false, keys: FIXED_KEYS });
    try {
      const result = await signedPost(sandbox, '/v2/payments/inquiryPayment', { paymentRequestId: 'has space' });
      expect(result).toMatchObject({
        resultCode: 'PARAM_ILLEGAL',
        resultStatus: 'F',
      });
    } finally {
      await sandbox.stop();
    }
  });
  it('refuses a refund amount in the wrong JSON type for its family: a number on /v1, a string on /v2', async () => {
    const sandbox = await startSandbox({ persist: false, seed: false, keys: FIXED_KEYS });
    try {
      const config = loadAntomConfig(sandbox.appEnv);
      const ask = (pathname: string, value: number | string) =>
        signedPost(sandbox, pathname, {
          refundRequestId: 'RFD_TYPE_1',
          paymentId: 'P1',
          refundAmount: { value, currency: 'USD' },
        });
      const online = apiPath('refund.online', config.clientId);
      expect(await ask(online, 100)).toMatchObject({ resultCode: 'PARAM_ILLEGAL', resultMessage: /String/ });
      expect(await ask('/v2/payments/refund', '100')).toMatchObject({ resultMessage: /Integer/ });
      expect((await ask('/v2/payments/refund', '100')).resultCode).toMatch(/PARAM_ILLEGAL/);
      // The right types get past the check (to the payment, which this empty sandbox does not hold).
      expect((await ask(online, '100')).resultCode).toBe('ORDER_NOT_EXIST');
      expect((await ask('/v2/payments/refund', 100)).resultCode).toMatch(/ORDER_NOT_EXIST/);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('standalone entry', () => {
  it('tsx sandbox/main.ts starts a sandbox and prints the env the app needs', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--port', '0', '--in-memory'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const url = await eventually(
        () => /ANTOM_GATEWAY_URL=(\S+)/.exec(out)?.[1],
        'the sandbox to print its URL',
        20_000,
      );
      await eventually(() => out.includes('ANTOM_KEY_VERSION='), 'the whole env');
      const env = Object.fromEntries([...out.matchAll(/^(ANTOM_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      const config = loadAntomConfig(env);
      expect(config.gatewayUrl).toBe(url);
      const health = (await (await fetch(`${url}/__sandbox/health`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      // The seeded demo data answers, signed with the key it printed.
      const ledger = await sandboxAdmin(url).ledger();
      const inStore = ledger.payments.find((p) => p.channel === 'IN_STORE')!;
      const outcome = await createAntomClient({ config, recorder: memoryRecorder() }).inquiryPayment({
        paymentRequestId: inStore.paymentRequestId,
      });
      expect(outcome).toMatchObject({ outcome: 'SUCCESS', payment: { paymentId: inStore.paymentId } });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
