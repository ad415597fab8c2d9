import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_REFUND_ACK_BODY } from '../../../lib/antom';
import { signedHeaders } from '../../../lib/antom/signing';
import { initiateRefund, reserveRefund } from '../../../lib/refunds/initiate';
import { replayNotification } from '../../../lib/refunds/notifications';
import { reconcileRefund } from '../../../lib/refunds/reconcile';
import { answerNotification } from '../../../lib/webhooks/door';
import { createPayment, eventually, key, setFaults, startWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await startWorld({ asyncDelayMs: 60_000 }); // card refunds stay in process until a test says otherwise
});
afterAll(async () => {
  await world.stop();
});

const PATH = '/api/antom/notify-refund';

/** A notification as Antom sends it, signed with Antom's key (or tampered with after signing). */
function notification(
  fields: { refundRequestId: string; refundId: string; value: number; currency: string; status: 'SUCCESS' | 'FAIL' },
  tamper?: (body: string) => string,
  signedPath = PATH,
) {
  const body = JSON.stringify({
    notifyType: 'REFUND_RESULT',
    result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
    refundStatus: fields.status,
    refundRequestId: fields.refundRequestId,
    refundId: fields.refundId,
    refundAmount: { value: String(fields.value), currency: fields.currency },
    ...(fields.status === 'SUCCESS' ? { refundTime: new Date().toISOString() } : {}),
  });
  const time = String(Date.now());
  const headers = signedHeaders(
    { method: 'POST', path: signedPath, clientId: world.sandbox.appEnv.ANTOM_CLIENT_ID, time, body },
    createPrivateKey(world.antomPrivateKeyPem),
    1,
  );
  const all: Record<string, string> = { ...headers, 'content-type': 'application/json; charset=UTF-8' };
  return { body: tamper ? tamper(body) : body, headers: all };
}

async function post(n: { body: string; headers: Record<string, string> }) {
  const res = await fetch(world.webhookUrl, { method: 'POST', body: n.body, headers: n.headers });
  return { status: res.status, body: await res.text() };
}

async function processingCardRefund(amountValue = 4_000) {
  const payment = await createPayment(world, { amountValue, method: 'CARD', currency: 'USD' });
  const { refund } = await initiateRefund(
    world.deps,
    { paymentId: payment.paymentId, amountValue, idempotencyKey: key() },
    world.actor,
  );
  expect(refund.status).toBe('PROCESSING');
  return refund;
}

const transitions = (refundRequestId: string) =>
  world.db.auditLog.count({
    where: { refundRequestId, action: 'refund.status_changed', details: { path: ['to'], equals: 'SUCCESS' } },
  });

describe('notifyRefund webhook', () => {
  it('the same notification eight times: one transition, acknowledged every time', async () => {
    const refund = await processingCardRefund();
    const n = notification({
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId!,
      value: 4_000,
      currency: 'USD',
      status: 'SUCCESS',
    });
    const replies = await Promise.all(Array.from({ length: 8 }, () => post(n)));
    for (const r of replies) expect(r).toEqual({ status: 200, body: NOTIFY_REFUND_ACK_BODY });
    expect(
      (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status,
    ).toBe('SUCCESS');
    expect(await transitions(refund.refundRequestId)).toBe(1);
    const outcomes = (await world.db.notification.findMany({ where: { refundRequestId: refund.refundRequestId } }))
      .map((x) => x.outcome)
      .sort();
    expect(outcomes).toEqual(['APPLIED', ...Array(7).fill('DUPLICATE')]);
  });

  it('a bad signature or a body tampered after signing: 401, and the refund does not change', async () => {
    const refund = await processingCardRefund();
    const good = notification({
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId!,
      value: 4_000,
      currency: 'USD',
      status: 'SUCCESS',
    });
    const tampered = notification(
      {
        refundRequestId: refund.refundRequestId,
        refundId: refund.refundId!,
        value: 4_000,
        currency: 'USD',
        status: 'SUCCESS',
      },
      (b) => b.replace('"4000"', '"4001"'),
    );
    expect((await post(tampered)).status).toBe(401);
    expect(
      (
        await post({
          ...good,
          headers: {
            ...good.headers,
            signature: good.headers.signature!.replace(/signature=.{8}/, 'signature=AAAAAAAA'),
          },
        })
      ).status,
    ).toBe(401);
    const { signature: _dropped, ...unsigned } = good.headers;
    expect((await post({ body: good.body, headers: unsigned })).status).toBe(401);
    expect(
      (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status,
    ).toBe('PROCESSING');
    const stored = await world.db.notification.findMany({ where: { rawBody: { contains: refund.refundRequestId } } });
    expect(stored.map((s) => [s.outcome, s.signatureVerdict]).sort()).toEqual([
      ['REJECTED', 'INVALID'],
      ['REJECTED', 'INVALID'],
      ['REJECTED', 'MISSING'],
    ]);
  });

  it('a notification for a refund we do not know is stored, flagged and acknowledged', async () => {
    const n = notification({
      refundRequestId: 'RF_NOT_OURS_123',
      refundId: '2026112299999',
      value: 100,
      currency: 'USD',
      status: 'SUCCESS',
    });
    expect(await post(n)).toEqual({ status: 200, body: NOTIFY_REFUND_ACK_BODY });
    const stored = await world.db.notification.findFirstOrThrow({ where: { refundRequestId: 'RF_NOT_OURS_123' } });
    expect(stored).toMatchObject({ outcome: 'UNKNOWN_REFUND', signatureVerdict: 'VALID' });
    expect(stored.rawBody).toBe(n.body);
  });

  it('a notification before the refund call has answered settles the refund; the late answer changes nothing', async () => {
    await setFaults(world, [{ fault: 'notifyOutOfOrder', count: 1 }]);
    const payment = await createPayment(world, { amountValue: 3_000, method: 'CARD', currency: 'EUR' });
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 3_000, idempotencyKey: key() },
      world.actor,
    );
    await setFaults(world, []);
    await eventually(
      'the early notification to apply',
      async () =>
        (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status ===
        'SUCCESS',
    );
    const log = await world.db.auditLog.findMany({
      where: { refundRequestId: refund.refundRequestId, action: 'refund.status_changed' },
      orderBy: { at: 'asc' },
    });
    expect(log.at(-1)?.details).toMatchObject({ to: 'SUCCESS' });
    expect(log.every((l) => (l.details as { from: string }).from !== 'SUCCESS')).toBe(true);
  });

  it('a final result that contradicts ours is never applied: flagged, and Antom is asked again', async () => {
    const refund = await processingCardRefund();
    const success = notification({
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId!,
      value: 4_000,
      currency: 'USD',
      status: 'SUCCESS',
    });
    await post(success);
    const fail = notification({
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId!,
      value: 4_000,
      currency: 'USD',
      status: 'FAIL',
    });
    expect(await post(fail)).toEqual({ status: 200, body: NOTIFY_REFUND_ACK_BODY });
    const after = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } });
    expect(after.status).toBe('SUCCESS');
    expect(after.attentionReason).toMatch(/notified FAIL/);
    const stored = await world.db.notification.findMany({
      where: { refundRequestId: refund.refundRequestId },
      orderBy: { receivedAt: 'asc' },
    });
    expect(stored.map((s) => s.outcome)).toEqual(['APPLIED', 'CONFLICT']);
  });

  it('a lost notification: the reconciler finds the final result by inquiry', async () => {
    await setFaults(world, [{ fault: 'notifyLost', count: 1 }]);
    const refund = await processingCardRefund();
    await fetch(`${world.sandbox.url}/__sandbox/refunds/finalize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refundRequestId: refund.refundRequestId }),
    });
    await setFaults(world, []);
    expect(
      (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status,
    ).toBe('PROCESSING');
    await reconcileRefund(world.deps, refund.refundRequestId, { force: true });
    expect(
      (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status,
    ).toBe('SUCCESS');
  });

  it('an amount that is not ours: CONFLICT, the refund flagged and audited, nothing applied', async () => {
    const refund = await processingCardRefund();
    const n = notification({
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId!,
      value: 4_001,
      currency: 'USD',
      status: 'SUCCESS',
    });
    expect(await post(n)).toEqual({ status: 200, body: NOTIFY_REFUND_ACK_BODY });
    const after = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } });
    expect(after.status).toBe('PROCESSING');
    expect(after.attentionReason).toMatch(/reports 4001 USD/);
    expect(after.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const stored = await world.db.notification.findFirstOrThrow({ where: { refundRequestId: refund.refundRequestId } });
    expect(stored).toMatchObject({ outcome: 'CONFLICT', note: 'amount, currency or refundId differ from ours' });
    expect(
      await world.db.auditLog.count({
        where: { refundRequestId: refund.refundRequestId, action: 'refund.notification_conflict' },
      }),
    ).toBe(1);
    expect(await transitions(refund.refundRequestId)).toBe(0);
  });

  it('a notification and an inquiry settling the same refund at once: one transition, the other changes nothing', async () => {
    await setFaults(world, [{ fault: 'notifyLost', count: 1 }]);
    const refund = await processingCardRefund();
    await fetch(`${world.sandbox.url}/__sandbox/refunds/finalize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refundRequestId: refund.refundRequestId }),
    });
    await setFaults(world, []);
    const n = notification({
      refundRequestId: refund.refundRequestId,
      refundId: refund.refundId!,
      value: 4_000,
      currency: 'USD',
      status: 'SUCCESS',
    });
    const [reply] = await Promise.all([post(n), reconcileRefund(world.deps, refund.refundRequestId, { force: true })]);
    expect(reply).toEqual({ status: 200, body: NOTIFY_REFUND_ACK_BODY });

    expect(await transitions(refund.refundRequestId)).toBe(1);
    const [stored] = await world.db.notification.findMany({ where: { refundRequestId: refund.refundRequestId } });
    expect(['APPLIED', 'DUPLICATE']).toContain(stored!.outcome);
    const payment = await world.db.payment.findUniqueOrThrow({ where: { paymentId: refund.paymentId } });
    expect([payment.refundHeldValue, payment.refundedValue]).toEqual([4_000, 4_000]);
    // Antom's retry of the same notification afterwards is a duplicate.
    await post(n);
    const outcomes = (await world.db.notification.findMany({ where: { refundRequestId: refund.refundRequestId } })).map(
      (x) => x.outcome,
    );
    expect(outcomes).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'DUPLICATE').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o === 'APPLIED' || o === 'DUPLICATE')).toBe(true);
    expect(await transitions(refund.refundRequestId)).toBe(1);
  });

  it('when applying fails, the notification is still stored and acknowledged, PENDING, and a replay applies it', async () => {
    // A refund not yet sent (no refundId), and a notification for it naming another refund's refundId:
    // setting that refundId breaks refunds_refund_id_key, so applying fails inside the database.
    const payment = await createPayment(world, { amountValue: 2_500, method: 'CARD', currency: 'USD' });
    const { refundRequestId } = await reserveRefund(
      world.deps,
      { paymentId: payment.paymentId, amountValue: 2_500, idempotencyKey: key() },
      world.actor,
    );
    const other = await processingCardRefund();
    const n = notification({
      refundRequestId,
      refundId: other.refundId!,
      value: 2_500,
      currency: 'USD',
      status: 'SUCCESS',
    });
    expect(await post(n)).toEqual({ status: 200, body: NOTIFY_REFUND_ACK_BODY });

    const stored = await world.db.notification.findFirstOrThrow({ where: { refundRequestId } });
    expect(stored).toMatchObject({ outcome: 'PENDING', signatureVerdict: 'VALID', rawBody: n.body });
    expect((await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } })).status).toBe('CREATED');
    expect(await transitions(refundRequestId)).toBe(0);

    // Once the clash is gone, the worker's replay applies it.
    await world.db.refund.update({
      where: { refundRequestId: other.refundRequestId },
      data: { refundId: `${other.refundId}X` },
    });
    await replayNotification(world.deps, stored.id);
    expect((await world.db.notification.findUniqueOrThrow({ where: { id: stored.id } })).outcome).toBe('APPLIED');
    expect((await world.db.refund.findUniqueOrThrow({ where: { refundRequestId } })).status).toBe('SUCCESS');
    expect(await transitions(refundRequestId)).toBe(1);
  });
  it('only a POST of at most 64 KB is read: anything else is refused and nothing is stored', async () => {
    const get = await fetch(world.webhookUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const marker = key();
    const huge = JSON.stringify({
      notifyType: 'REFUND_RESULT',
      refundRequestId: marker,
      padding: 'x'.repeat(70 * 1024),
    });
    const declared = await fetch(world.webhookUrl, {
      method: 'POST',
      body: huge,
      headers: { 'content-type': 'application/json' },
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      result: { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'too large' },
    });
    // Chunked, with no length given: counted as it arrives.
    const stream = new Blob([huge]).stream();
    const chunked = await fetch(world.webhookUrl, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await world.db.notification.count({ where: { rawBody: { contains: marker } } })).toBe(0);
  });
});

describe('notifyRefund behind a reverse proxy, and paths of any length', () => {
  /** The notification door as a proxy forwards to it: the path as the app sees it. */
  const door = (n: { body: string; headers: Record<string, string> }, seenPath: string, publicPathPrefix = '') =>
    answerNotification(
      { ...world.deps, publicPathPrefix },
      { method: 'POST', path: seenPath, headers: n.headers, readBody: async () => n.body, clientAddress: '192.0.2.1' },
    );
  const card = async () => {
    const refund = await processingCardRefund(1_500);
    const fields = { refundRequestId: refund.refundRequestId, refundId: refund.refundId!, value: 1_500 };
    return { refund, fields: { ...fields, currency: 'USD', status: 'SUCCESS' as const } };
  };

  it('a proxy that strips /refunds: verified against the path Antom posted to, once PUBLIC_BASE_URL says so', async () => {
    const { refund, fields } = await card();
    const n = notification(fields, undefined, `/refunds${PATH}`);
    // Without the prefix configured the signature cannot verify: refused, nothing applied.
    expect((await door(n, PATH)).status).toBe(401);
    expect(
      (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status,
    ).toBe('PROCESSING');
    const reply = await door(n, PATH, '/refunds');
    expect(reply).toMatchObject({ status: 200, body: NOTIFY_REFUND_ACK_BODY });
    expect(
      (await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: refund.refundRequestId } })).status,
    ).toBe('SUCCESS');
    const stored = await world.db.notification.findFirstOrThrow({
      where: { refundRequestId: refund.refundRequestId, outcome: 'APPLIED' },
    });
    expect(stored.path).toBe(`/refunds${PATH}`);
  });

  it('a notification posted to a long path is stored whole, so replaying it verifies again', async () => {
    const { refund, fields } = await card();
    const longPath = `${PATH}?merchant=${'m'.repeat(300)}`;
    expect((await door(notification(fields, undefined, longPath), longPath)).status).toBe(200);
    const stored = await world.db.notification.findFirstOrThrow({
      where: { refundRequestId: refund.refundRequestId, outcome: 'APPLIED' },
    });
    expect(stored.path).toBe(longPath);
    // As if applying it had failed: the worker replays what was stored, checking the signature again.
    await world.db.notification.update({ where: { id: stored.id }, data: { outcome: 'PENDING' } });
    await replayNotification(world.deps, stored.id);
    expect((await world.db.notification.findUniqueOrThrow({ where: { id: stored.id } })).outcome).toBe('DUPLICATE');
  });
});
