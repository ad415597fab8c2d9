// /api/metrics: refused without METRICS_TOKEN, and with it every listed series, filled by what really
// happened: a call to the sandbox through lib/antom (counted, timed, recorded with its request id),
// refunds in the database (by state and channel, the backlog, the oldest open one), a notification
// through the door, a refused sign-in.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAntomClient } from '../../../lib/antom/client';
import { loadAntomConfig } from '../../../lib/antom/config';
import { prismaRecorder } from '../../../lib/antom/recorder';
import { withRequestContext } from '../../../lib/ops/request-context';
import { observedRecorder } from '../../../lib/ops/antom-calls';
import { createEngineDeps } from '../../../lib/refunds';
import { answerNotification } from '../../../lib/webhooks/door';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import { testPrisma } from '../../setup/database';
import { FIXED_KEYS } from '../antom/harness';

const TOKEN = 'metrics-test-token-0123456789';
process.env.METRICS_TOKEN = TOKEN;
const db = testPrisma();
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ persist: false, keys: FIXED_KEYS, seed: false });
});
afterAll(async () => {
  await sandbox.stop();
  await db.$disconnect();
});

async function scrape(authorization?: string) {
  const { GET } = await import('../../../app/api/metrics/route');
  const response = await GET(
    new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }),
  );
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe('GET /api/metrics', () => {
  it('refuses without the token, with a wrong one, and with one that is not a bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', TOKEN, `Basic ${TOKEN}`]) {
      const { status, headers, text } = await scrape(authorization);
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toBe('Bearer');
      expect(text).not.toContain('antom_');
    }
  });

  it('exposes every listed series, filled from what happened', async () => {
    const n = randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase();
    // An open refund due for a check, an old unknown one, and a recent success, on two channels.
    await db.$executeRawUnsafe(
      `INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, updated_at)
       VALUES ('MET_A_${n}', 'MET_RA_${n}', 'ONLINE', 10000, 'USD', 'CARD', 'SUCCESS', now()),
              ('MET_B_${n}', 'MET_RB_${n}', 'IN_STORE', 10000, 'USD', 'ALIPAY_CN', 'SUCCESS', now())`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO refunds (refund_request_id, payment_id, amount_value, currency, status, idempotency_key, next_check_at, created_at, updated_at)
       VALUES ('MET_U_${n}', 'MET_A_${n}', 100, 'USD', 'UNKNOWN', 'MET_U_${n}', now() - interval '1 minute', now() - interval '2 hours', now()),
              ('MET_S_${n}', 'MET_B_${n}', 100, 'USD', 'SUCCESS', 'MET_S_${n}', NULL, now(), now())`,
    );

    // A refund waiting for approval for three hours, under a rule already retired (so no other test's
    // refunds need approval because of it).
    await db.$executeRawUnsafe(
      `INSERT INTO approval_rules (id, rule_id, version, kind, valid_from, valid_to)
       VALUES (gen_random_uuid(), gen_random_uuid(), 1, 'EVERY_REFUND', now() - interval '1 day', now() - interval '1 day')`,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO refunds (refund_request_id, payment_id, amount_value, currency, status, idempotency_key, approval_rule_id,
                            approval_expires_at, created_at, updated_at)
       SELECT 'MET_W_${n}', 'MET_A_${n}', 100, 'USD', 'PENDING_APPROVAL', 'MET_W_${n}', id, now() + interval '1 day',
              now() - interval '3 hours', now()
         FROM approval_rules WHERE kind = 'EVERY_REFUND' AND valid_to IS NOT NULL LIMIT 1`,
    );

    // A real call to Antom (the sandbox) inside a request, recorded as the app records them (createEngineDeps):
    // counted, timed, recorded with the request's id.
    const client = createAntomClient({
      config: loadAntomConfig(sandbox.appEnv),
      recorder: observedRecorder(prismaRecorder(db)),
    });
    const requestId = `test-${n}`;
    await withRequestContext({ requestId }, () =>
      client.inquiryPayment({ channel: 'ONLINE', paymentRequestId: `MET_NONE_${n}` }),
    );
    const recorded = await db.$queryRawUnsafe<{ request_id: string }[]>(
      `SELECT request_id FROM antom_calls WHERE request_body LIKE '%MET_NONE_${n}%'`,
    );
    expect(recorded).toEqual([{ request_id: requestId }]);

    // A notification with a bad signature, through the door.
    const deps = createEngineDeps(db, { ...process.env, ...sandbox.appEnv } as never);
    const reply = await answerNotification(deps, {
      method: 'POST',
      path: '/api/antom/notify-refund',
      headers: { 'content-type': 'application/json', signature: 'algorithm=RSA256,keyVersion=1,signature=bad' },
      readBody: async () => '{"notifyType":"REFUND_RESULT"}',
      clientAddress: '203.0.113.7',
    });
    expect(reply.status).toBe(401);

    // A refused sign-in.
    const { verifyLogin } = await import('../../../lib/auth/login');
    expect(await verifyLogin(`nobody-${n.toLowerCase()}@example.com`, 'not-the-password', '203.0.113.9')).toMatchObject(
      {
        ok: false,
      },
    );

    const { status, headers, text } = await scrape(`Bearer ${TOKEN}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(series + ' '));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('antom_refunds{state="UNKNOWN",channel="ONLINE"}')).toBeGreaterThanOrEqual(1);
    expect(value('antom_refunds{state="SUCCESS",channel="IN_STORE"}')).toBeGreaterThanOrEqual(1);
    expect(value('antom_reconciler_backlog')).toBeGreaterThanOrEqual(1);
    expect(value('antom_refunds_waiting_for_approval')).toBeGreaterThanOrEqual(1);
    expect(value('antom_refund_oldest_waiting_for_approval_age_seconds')).toBeGreaterThanOrEqual(3 * 3600 - 10);
    expect(value('antom_refund_oldest_open_age_seconds{state="UNKNOWN"}')).toBeGreaterThanOrEqual(7190);
    expect(value('antom_calls_total{operation="INQUIRY_PAYMENT",outcome="FAILURE"}')).toBeGreaterThanOrEqual(1);
    expect(value('antom_call_duration_seconds_count{operation="INQUIRY_PAYMENT"}')).toBeGreaterThanOrEqual(1);
    expect(value('antom_notifications_total{kind="refund",verdict="rejected"}')).toBeGreaterThanOrEqual(1);
    expect(value('dashboard_db_pool_connections{pool="app",state="total"}')).toBeGreaterThanOrEqual(0);
    expect(value('process_cpu_seconds_total')).toBeGreaterThanOrEqual(0);
    expect(value('nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(value('dashboard_sign_in_failures_total{reason="invalid"}')).toBeGreaterThanOrEqual(1);
  });
});
