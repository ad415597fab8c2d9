// A deploy restarts app instances at any time (issue 17): SIGTERM during a refund. A second app instance
// (scripts/serve.ts, as a release runs it) on the same database and sandbox takes a refund whose call
// to Antom is slowed by the sandbox; the instance is sent SIGTERM while that call is in flight. It must
// finish the request (the refund answered, Antom's answer recorded), exit 0, and the refund must end
// final and single, here and at Antom (the suite's own app answers the notification and its reconciler
// settles anything left open).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { sandboxAdmin } from '../../sandbox/admin-client';
import { DEFAULT_SANDBOX_CLIENT_ID } from '../../sandbox/server';
import { asRole } from './fixtures';
import { localAuthSecret, pemBody, sandboxKeyPems } from './sandbox-secrets';
import { createPayment, db, refundsOf, sandboxUrl, setFaults } from './world';

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const LATENCY_MS = 4_000;

function startInstance(): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const keys = sandboxKeyPems();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'serve.ts')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: localAuthSecret(),
      AUTH_TRUST_HOST: 'true',
      NODE_ENV: 'production',
      ANTOM_GATEWAY_URL: sandboxUrl(),
      ANTOM_CLIENT_ID: DEFAULT_SANDBOX_CLIENT_ID,
      ANTOM_MERCHANT_PRIVATE_KEY: pemBody(keys['merchant-private']!),
      ANTOM_PUBLIC_KEY: pemBody(keys['antom-public']!),
      // Long enough for the slowed call to be answered while the instance drains.
      ANTOM_TIMEOUT_MS: String(LATENCY_MS * 3),
      ANTOM_MAX_RETRIES: '0',
      SHUTDOWN_TIMEOUT_MS: String(LATENCY_MS * 5),
    },
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

test.describe('SIGTERM during a refund', () => {
  test.use(asRole('refunder'));
  test.afterEach(async () => {
    await setFaults([]);
  });

  test('the instance finishes the refund, exits 0, and the refund ends final and single', async ({ page }) => {
    test.setTimeout(120_000);
    const instance = startInstance();
    try {
      await expect
        .poll(async () => (await fetch(`http://localhost:${port}/api/health/ready`).catch(() => null))?.status, {
          timeout: 60_000,
        })
        .toBe(200);
      const payment = await createPayment({ amountValue: 4_200, currency: 'USD', method: 'ALIPAY_CN' });
      await sandboxAdmin(sandboxUrl()).setFaults(
        [{ fault: 'latency', ms: LATENCY_MS, count: 1, apis: ['refund.online'] }],
        {
          replace: true,
        },
      );

      await page.goto(`http://localhost:${port}/transactions/${payment.paymentId}`);
      await page.getByLabel(/Everything left/).check();
      await page.getByRole('button', { name: 'Review refund' }).click();
      await page.getByRole('button', { name: /^Refund / }).click();

      // The refund is reserved and its call to Antom is on its way (sent, not yet answered): stop now.
      await expect
        .poll(async () => (await refundsOf(payment.paymentId)).map((r) => r.status), { timeout: 15_000 })
        .toEqual(['CREATED']);
      instance.child.kill('SIGTERM');

      // The request in flight is finished: the person sees Antom's answer, not an error.
      await expect(page.getByRole('status').filter({ hasText: /refunded|in progress/ })).toBeVisible({
        timeout: LATENCY_MS * 4,
      });
      expect(await instance.exit).toBe(0);
      const log = instance.output();
      expect(log).toMatch(/"msg":"draining: no new connections"/);
      expect(log).toMatch(/"msg":"stopped"/);
      expect(log).not.toMatch(/shutdown timeout/);
      // Antom's answer was recorded before the process ended: not CREATED, not UNKNOWN.
      const [afterExit] = await refundsOf(payment.paymentId);
      expect(['PROCESSING', 'SUCCESS']).toContain(afterExit!.status);

      // Final and single, here and at Antom.
      await expect
        .poll(async () => (await refundsOf(payment.paymentId)).map((r) => r.status), { timeout: 30_000 })
        .toEqual(['SUCCESS']);
      const ledger = await sandboxAdmin(sandboxUrl()).ledger({ paymentId: payment.paymentId });
      expect(ledger.refunds.map((r) => [r.refundRequestId, r.status, r.applied])).toEqual([
        [afterExit!.refund_request_id, 'SUCCESS', 1],
      ]);
      const sends = await db().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM antom_calls WHERE refund_request_id = $1 AND operation = 'REFUND'`,
        [afterExit!.refund_request_id],
      );
      expect(sends.rows[0]!.n).toBe(1);
    } finally {
      if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    }
  });
});
