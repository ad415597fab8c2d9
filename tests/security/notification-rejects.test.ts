// Issue 14, gap 4: the notification door no longer stores what it refuses in full, stops listening
// to an address that keeps sending refused notifications, and refuses a signed notification whose
// request-time is outside the window Antom's retry schedule needs. Real PostgreSQL, real sandbox keys.
import { createHash, createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../lib/antom/signing';
import { NOTIFICATION_MAX_AGE_MS, NOTIFICATION_MAX_AHEAD_MS } from '../../lib/refunds/notifications';
import { answerNotification } from '../../lib/webhooks/door';
import { REJECTS_PER_WINDOW, REJECT_WINDOW_MS, RejectLimiter } from '../../lib/webhooks/reject-limit';
import { startWorld, type World } from '../integration/refunds/harness';

const PATH = '/api/antom/notify-refund';
let world: World;
beforeAll(async () => {
  world = await startWorld({ asyncDelayMs: 60_000 });
});
afterAll(async () => {
  await world.stop();
});

/** A notifyRefund for a refund we do not hold, signed by Antom's key at `time` (ms). */
function signed(time: number, marker: string) {
  const body = JSON.stringify({
    notifyType: 'REFUND_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
    refundStatus: 'SUCCESS',
    refundRequestId: `RFD_${marker}`,
    refundId: `ID_${marker}`,
    refundAmount: { value: '100', currency: 'USD' },
    refundTime: new Date(time).toISOString(),
  });
  const headers = signedHeaders(
    { method: 'POST', path: PATH, clientId: world.sandbox.appEnv.ANTOM_CLIENT_ID, time: String(time), body },
    createPrivateKey(world.antomPrivateKeyPem),
    1,
  );
  return { body, headers: { ...headers, 'content-type': 'application/json; charset=UTF-8' } };
}

const door = (n: { body: string; headers: Record<string, string> }, clientAddress: string, limiter: RejectLimiter) =>
  answerNotification(
    world.deps,
    { method: 'POST', path: PATH, headers: n.headers, readBody: async () => n.body, clientAddress },
    limiter,
  );

describe('refused notifications', () => {
  it('are kept as a digest, a length and the first 256 characters, not the whole body', async () => {
    const marker = `BIG${Date.now()}`;
    const body = `{"refundRequestId":"${marker}","padding":"${'x'.repeat(60_000)}"}`;
    const reply = await door(
      { body, headers: { 'content-type': 'application/json' } },
      '198.51.100.1',
      new RejectLimiter(),
    );
    expect(reply.status).toBe(401);
    const [row] = await world.db.notification.findMany({ where: { rawBody: { contains: marker } } });
    expect(row!.outcome).toBe('REJECTED');
    expect(row!.rawBody).toBe(body.slice(0, 256));
    const digest = createHash('sha256').update(body).digest('hex');
    expect(row!.note).toContain(`sha256 ${digest}, ${Buffer.byteLength(body)} bytes`);
  });

  it(`from one address: after ${REJECTS_PER_WINDOW} in a window, refused ones get 429 and nothing stored, signed ones still go through; other addresses are not affected`, async () => {
    let now = 1_000_000;
    const limiter = new RejectLimiter(() => now);
    const marker = `FLOOD${Date.now()}`;
    const bad = { body: `{"refundRequestId":"${marker}"}`, headers: { 'content-type': 'application/json' } };
    for (let i = 0; i < REJECTS_PER_WINDOW; i++) expect((await door(bad, '203.0.113.7', limiter)).status).toBe(401);
    const stored = () => world.db.notification.count({ where: { rawBody: { contains: marker } } });
    expect(await stored()).toBe(REJECTS_PER_WINDOW);
    const limited = await door(bad, '203.0.113.7', limiter);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(await stored()).toBe(REJECTS_PER_WINDOW);
    // A verified notification from the limited address is still taken (Antom's own deliveries never wait).
    expect((await door(signed(Date.now(), `GOOD${marker}`), '203.0.113.7', limiter)).status).toBe(200);
    expect(await world.db.notification.count({ where: { rawBody: { contains: `GOOD${marker}` } } })).toBe(1);
    // Antom's own address, or anyone else, still gets an answer.
    expect((await door(bad, '203.0.113.8', limiter)).status).toBe(401);
    // After the window, the address is heard again.
    now += REJECT_WINDOW_MS;
    expect((await door(bad, '203.0.113.7', limiter)).status).toBe(401);
  });
});

describe('the signed request-time', () => {
  it('is accepted across Antom’s whole retry schedule (about 24.4 hours), and refused beyond the window or ahead of our clock', async () => {
    const limiter = new RejectLimiter();
    const now = Date.now();
    const hours = (h: number) => h * 3600_000;
    // The last of Antom's retries, if it re-sent the first signed message: accepted (an unknown refund is kept, flagged).
    expect((await door(signed(now - hours(24.5), `OLD${now}`), '192.0.2.10', limiter)).status).toBe(200);
    const stale = `STALE${now}`;
    const refused = await door(signed(now - NOTIFICATION_MAX_AGE_MS - 60_000, stale), '192.0.2.10', limiter);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatch(/request-time outside the accepted window/);
    const [row] = await world.db.notification.findMany({ where: { rawBody: { contains: stale } } });
    expect([row!.outcome, row!.signatureVerdict]).toEqual(['REJECTED', 'VALID']);
    expect(row!.note).toMatch(/too old/);
    const ahead = await door(signed(now + NOTIFICATION_MAX_AHEAD_MS + 60_000, `AHEAD${now}`), '192.0.2.10', limiter);
    expect(ahead.status).toBe(401);
  });
});
