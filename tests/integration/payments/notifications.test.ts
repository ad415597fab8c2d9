// notifyPayment, end to end: Antom's notification (the sandbox's, or one signed here with the
// sandbox's Antom key) over real HTTP into the notification door, on a fresh PostgreSQL.
import { execFile } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_ACK_BODY } from '../../../lib/antom';
import { signedHeaders } from '../../../lib/antom/signing';
import { initiateRefund } from '../../../lib/refunds/initiate';
import { replayNotification } from '../../../lib/refunds/notifications';
import { sandboxAdmin, type SandboxAdmin } from '../../../sandbox';
import { eventually, key, startWorld, type World } from '../refunds/harness';

let world: World;
let admin: SandboxAdmin;
beforeAll(async () => {
  // Payments taken at the sandbox stay in process until a test settles them, unless it says otherwise.
  world = await startWorld({ paymentDelayMs: 600_000 });
  admin = sandboxAdmin(world.sandbox.url);
});
afterAll(async () => {
  await world.stop();
});

const PATH = '/api/antom/notify-payment';
const ids = () => {
  const n = `${Date.now()}${randomBytes(4).toString('hex')}`;
  return { paymentId: `2026120219400${n}`, paymentRequestId: `ORDER_${n}` };
};

interface Fields {
  paymentId: string;
  paymentRequestId: string;
  value: number;
  currency?: string;
  notifyType?: 'PAYMENT_RESULT' | 'PAYMENT_PENDING';
  resultStatus?: 'S' | 'F';
  method?: string;
}

/** A notifyPayment as Antom sends it online (every value a string), signed with Antom's key. */
function notification(f: Fields, options: { tamper?: (body: string) => string; path?: string } = {}) {
  const type = f.notifyType ?? 'PAYMENT_RESULT';
  const success = type === 'PAYMENT_RESULT' && (f.resultStatus ?? 'S') === 'S';
  const body = JSON.stringify({
    notifyType: type,
    result:
      f.resultStatus === 'F'
        ? { resultCode: 'PROCESS_FAIL', resultStatus: 'F', resultMessage: 'fail' }
        : { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
    paymentRequestId: f.paymentRequestId,
    paymentId: f.paymentId,
    paymentAmount: { value: String(f.value), currency: f.currency ?? 'USD' },
    paymentCreateTime: '2026-12-02T10:00:00+08:00',
    ...(success ? { paymentTime: '2026-12-02T10:00:05+08:00' } : {}),
    paymentMethodType: f.method ?? 'ALIPAY_CN',
  });
  const path = options.path ?? PATH;
  const headers = signedHeaders(
    { method: 'POST', path, clientId: world.sandbox.appEnv.ANTOM_CLIENT_ID, time: String(Date.now()), body },
    createPrivateKey(world.antomPrivateKeyPem),
    1,
  );
  const all: Record<string, string> = { ...headers, 'content-type': 'application/json; charset=UTF-8' };
  return { body: options.tamper ? options.tamper(body) : body, headers: all, path };
}

async function post(n: { body: string; headers: Record<string, string>; path?: string }) {
  const res = await fetch(new URL(n.path ?? PATH, world.paymentWebhookUrl), {
    method: 'POST',
    body: n.body,
    headers: n.headers,
  });
  return { status: res.status, body: await res.text() };
}

const ACK = { status: 200, body: NOTIFY_ACK_BODY };
const payment = (paymentId: string) => world.db.payment.findUnique({ where: { paymentId } });
const stored = (paymentId: string) =>
  world.db.notification.findMany({ where: { paymentId }, orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] });
const storedWith = (text: string) => world.db.notification.findMany({ where: { rawBody: { contains: text } } });
const audits = (paymentId: string, action: string) => world.db.auditLog.count({ where: { paymentId, action } });

describe('notifyPayment webhook', () => {
  it('a valid notification for a payment we do not hold: stored raw once, the payment created, acknowledged', async () => {
    const p = ids();
    const n = notification({ ...p, value: 1_250 });
    expect(await post(n)).toEqual(ACK);
    expect(await payment(p.paymentId)).toMatchObject({
      paymentRequestId: p.paymentRequestId,
      channel: 'ONLINE',
      amountValue: 1_250,
      currency: 'USD',
      method: 'ALIPAY_CN',
      status: 'SUCCESS',
      paidAt: new Date('2026-12-02T02:00:05Z'),
      createdAt: new Date('2026-12-02T02:00:00Z'),
      attentionReason: null,
    });
    const rows = await stored(p.paymentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'PAYMENT',
      outcome: 'APPLIED',
      signatureVerdict: 'VALID',
      notifyType: 'PAYMENT_RESULT',
      paymentRequestId: p.paymentRequestId,
      paymentStatus: 'SUCCESS',
      rawBody: n.body,
      path: PATH,
      refundRequestId: null,
    });
    expect(await audits(p.paymentId, 'payment.received')).toBe(1);
  });

  it('unsigned, badly signed, or tampered with after signing: 401, stored REJECTED, nothing applied', async () => {
    const p = ids();
    const good = notification({ ...p, value: 700 });
    const { signature: _dropped, ...unsigned } = good.headers;
    expect((await post({ body: good.body, headers: unsigned })).status).toBe(401);
    const garbled = good.headers.signature!.replace(/signature=.{8}/, 'signature=AAAAAAAA');
    expect((await post({ body: good.body, headers: { ...good.headers, signature: garbled } })).status).toBe(401);
    // Signed by a key that is not Antom's.
    const forged = signedHeaders(
      {
        method: 'POST',
        path: PATH,
        clientId: world.sandbox.appEnv.ANTOM_CLIENT_ID,
        time: String(Date.now()),
        body: good.body,
      },
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
      1,
    );
    expect((await post({ body: good.body, headers: { ...good.headers, ...forged } })).status).toBe(401);
    const tampered = notification({ ...p, value: 700 }, { tamper: (b) => b.replace('"700"', '"7000"') });
    expect(await post(tampered)).toMatchObject({ status: 401 });

    expect(await payment(p.paymentId)).toBeNull();
    const rows = await storedWith(p.paymentRequestId);
    expect(rows.map((r) => [r.kind, r.outcome, r.signatureVerdict]).sort()).toEqual([
      ['PAYMENT', 'REJECTED', 'INVALID'],
      ['PAYMENT', 'REJECTED', 'INVALID'],
      ['PAYMENT', 'REJECTED', 'INVALID'],
      ['PAYMENT', 'REJECTED', 'MISSING'],
    ]);
    expect(await audits(p.paymentId, 'payment.received')).toBe(0);
  });

  it('the same notification eight times at once: one payment, one change, acknowledged every time', async () => {
    const p = ids();
    const pending = notification({ ...p, value: 3_000, notifyType: 'PAYMENT_PENDING', method: 'CARD' });
    const replies = await Promise.all(Array.from({ length: 8 }, () => post(pending)));
    for (const r of replies) expect(r).toEqual(ACK);
    expect((await payment(p.paymentId))?.status).toBe('PENDING');
    expect((await stored(p.paymentId)).map((r) => r.outcome).sort()).toEqual([
      'APPLIED',
      ...Array(7).fill('DUPLICATE'),
    ]);

    const result = notification({ ...p, value: 3_000, method: 'CARD' });
    for (const r of await Promise.all(Array.from({ length: 8 }, () => post(result)))) expect(r).toEqual(ACK);
    expect((await payment(p.paymentId))?.status).toBe('SUCCESS');
    expect(await audits(p.paymentId, 'payment.received')).toBe(1);
    expect(await audits(p.paymentId, 'payment.status_changed')).toBe(1);
    const outcomes = (await stored(p.paymentId)).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'APPLIED')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'DUPLICATE')).toHaveLength(14);
  });

  it('PENDING after SUCCESS never downgrades the payment: kept, IGNORED, nothing changes', async () => {
    const p = ids();
    expect(await post(notification({ ...p, value: 990 }))).toEqual(ACK);
    const before = await payment(p.paymentId);
    expect(await post(notification({ ...p, value: 990, notifyType: 'PAYMENT_PENDING' }))).toEqual(ACK);
    const after = await payment(p.paymentId);
    expect(after).toMatchObject({ status: 'SUCCESS', paidAt: before!.paidAt, attentionReason: null });
    expect(after!.updatedAt).toEqual(before!.updatedAt);
    const rows = await stored(p.paymentId);
    expect(rows.map((r) => r.outcome)).toEqual(['APPLIED', 'IGNORED']);
    expect(rows[1]!.note).toMatch(/PENDING after SUCCESS/);
  });

  it('an amount, a paymentId or a final result that contradicts ours: stored, flagged, never applied', async () => {
    const p = ids();
    expect(await post(notification({ ...p, value: 5_000 }))).toEqual(ACK);

    // Another amount for the same payment.
    expect(await post(notification({ ...p, value: 5_001 }))).toEqual(ACK);
    let held = await payment(p.paymentId);
    expect(held).toMatchObject({ amountValue: 5_000, status: 'SUCCESS' });
    expect(held!.attentionReason).toMatch(/of 5001 USD; we hold .* of 5000 USD/);

    // Another paymentId for our paymentRequestId: no second payment.
    const other = ids().paymentId;
    expect(await post(notification({ paymentId: other, paymentRequestId: p.paymentRequestId, value: 5_000 }))).toEqual(
      ACK,
    );
    expect(await payment(other)).toBeNull();

    // A failure after the success.
    expect(await post(notification({ ...p, value: 5_000, resultStatus: 'F' }))).toEqual(ACK);
    held = await payment(p.paymentId);
    expect(held).toMatchObject({ amountValue: 5_000, status: 'SUCCESS' });
    expect(held!.attentionReason).toMatch(/notified FAIL but this payment is SUCCESS/);

    const outcomes = await world.db.notification.findMany({
      where: { paymentRequestId: p.paymentRequestId },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      select: { outcome: true },
    });
    expect(outcomes.map((o) => o.outcome)).toEqual(['APPLIED', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await audits(p.paymentId, 'payment.notification_conflict')).toBe(3);
    expect(await audits(p.paymentId, 'payment.status_changed')).toBe(0);
  });

  it('malformed JSON, though signed: 400, stored REJECTED as unreadable, nothing applied', async () => {
    const marker = key();
    const n = notification({ paymentId: marker, paymentRequestId: marker, value: 1 }, { tamper: (b) => b });
    const broken = `${n.body.slice(0, -1)},`;
    const signed = signedHeaders(
      {
        method: 'POST',
        path: PATH,
        clientId: world.sandbox.appEnv.ANTOM_CLIENT_ID,
        time: String(Date.now()),
        body: broken,
      },
      createPrivateKey(world.antomPrivateKeyPem),
      1,
    );
    const reply = await post({ body: broken, headers: { ...n.headers, ...signed } });
    expect(reply.status).toBe(400);
    expect(reply.body).not.toBe(NOTIFY_ACK_BODY);
    const [row, ...more] = await storedWith(marker);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({
      kind: 'PAYMENT',
      outcome: 'REJECTED',
      signatureVerdict: 'VALID',
      // Refused ones are kept as a digest and the start of the body (issue 14, gap 4).
      note: expect.stringMatching(/^the body is not JSON \(sha256 [0-9a-f]{64}, \d+ bytes\)$/),
    });
    expect(await payment(marker)).toBeNull();
  });

  it("a time without its offset is not Antom's format: 400, nothing applied", async () => {
    const p = ids();
    const n = notification({ ...p, value: 100 });
    const body = n.body.replace('2026-12-02T10:00:00+08:00', '2026-12-02T10:00:00');
    const signed = signedHeaders(
      { method: 'POST', path: PATH, clientId: world.sandbox.appEnv.ANTOM_CLIENT_ID, time: String(Date.now()), body },
      createPrivateKey(world.antomPrivateKeyPem),
      1,
    );
    expect((await post({ body, headers: { ...n.headers, ...signed } })).status).toBe(400);
    expect(await payment(p.paymentId)).toBeNull();
  });

  it('a 5 MB body: 413, and nothing is stored', async () => {
    const marker = key();
    const huge = JSON.stringify({
      notifyType: 'PAYMENT_RESULT',
      paymentId: marker,
      padding: 'x'.repeat(5 * 1024 * 1024),
    });
    const declared = await fetch(world.paymentWebhookUrl, {
      method: 'POST',
      body: huge,
      headers: { 'content-type': 'application/json' },
    });
    expect(declared.status).toBe(413);
    const chunked = await fetch(world.paymentWebhookUrl, {
      method: 'POST',
      body: new Blob([huge]).stream(),
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await storedWith(marker)).toHaveLength(0);
  });

  it('an in-store notification, at the notify URL given for in-store payments, makes an in-store payment', async () => {
    const p = ids();
    const n = notification({ ...p, value: 4_200, currency: 'SGD' }, { path: `${PATH}?channel=IN_STORE` });
    expect(await post(n)).toEqual(ACK);
    expect(await payment(p.paymentId)).toMatchObject({ channel: 'IN_STORE', status: 'SUCCESS', currency: 'SGD' });
    expect((await stored(p.paymentId))[0]!.path).toBe(`${PATH}?channel=IN_STORE`);
  });

  it("a notification stored but not applied (PENDING) is applied by the worker's replay, verified again", async () => {
    const p = ids();
    const n = notification({ ...p, value: 800 });
    const row = await world.db.notification.create({
      data: {
        kind: 'PAYMENT',
        path: PATH,
        headers: n.headers,
        rawBody: n.body,
        signatureVerdict: 'VALID',
        outcome: 'PENDING',
      },
    });
    await replayNotification(world.deps, row.id);
    expect((await world.db.notification.findUniqueOrThrow({ where: { id: row.id } })).outcome).toBe('APPLIED');
    expect((await payment(p.paymentId))?.status).toBe('SUCCESS');
    // Its body altered in the table: the replay verifies the signature again and refuses it.
    const altered = await world.db.notification.create({
      data: {
        kind: 'PAYMENT',
        path: PATH,
        headers: n.headers,
        rawBody: n.body.replace('"800"', '"900"'),
        signatureVerdict: 'VALID',
        outcome: 'PENDING',
      },
    });
    await replayNotification(world.deps, altered.id);
    expect((await world.db.notification.findUniqueOrThrow({ where: { id: altered.id } })).outcome).toBe('REJECTED');
    expect((await payment(p.paymentId))?.amountValue).toBe(800);
  });
});

describe('payments taken at the sandbox', () => {
  const delivered = (paymentId: string, count: number) =>
    eventually(`${count} settled notifyPayment deliveries of ${paymentId}`, async () => {
      const ds = (await admin.ledger({ paymentId })).notifications;
      return ds.length === count && ds.every((d) => d.state !== 'PENDING');
    });

  it('online: its signed notifyPayment creates the payment here, and it can be refunded at once', async () => {
    const taken = await admin.takePayment({ method: 'ALIPAY_CN', amountValue: 1_250, currency: 'USD', delayMs: 0 });
    await delivered(taken.paymentId, 1);
    expect(await payment(taken.paymentId)).toMatchObject({
      paymentRequestId: taken.paymentRequestId,
      status: 'SUCCESS',
      amountValue: 1_250,
      method: 'ALIPAY_CN',
      channel: 'ONLINE',
    });
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: taken.paymentId, amountValue: 500, idempotencyKey: key() },
      world.actor,
    );
    expect(refund.status).toBe('SUCCESS');
    expect((await admin.ledger({ paymentId: taken.paymentId })).payments[0]).toMatchObject({ refundedValue: 500 });
  });

  it('a card payment: PAYMENT_PENDING first, then the result; refundable once it succeeded', async () => {
    const taken = await admin.takePayment({ method: 'CARD', amountValue: 4_000, currency: 'EUR' });
    expect(taken.status).toBe('PENDING');
    await delivered(taken.paymentId, 1);
    expect((await payment(taken.paymentId))?.status).toBe('PENDING');
    await admin.settlePayment(taken.paymentId);
    await delivered(taken.paymentId, 2);
    expect(await payment(taken.paymentId)).toMatchObject({ status: 'SUCCESS', amountValue: 4_000, currency: 'EUR' });
    expect((await stored(taken.paymentId)).map((r) => [r.notifyType, r.outcome])).toEqual([
      ['PAYMENT_PENDING', 'APPLIED'],
      ['PAYMENT_RESULT', 'APPLIED'],
    ]);
    const { refund } = await initiateRefund(
      world.deps,
      { paymentId: taken.paymentId, amountValue: 4_000, idempotencyKey: key() },
      world.actor,
    );
    expect(refund.status).toBe('PROCESSING'); // card refunds finish later
  });

  it('a failed payment arrives as FAIL and cannot be refunded', async () => {
    const taken = await admin.takePayment({
      method: 'GCASH',
      amountValue: 700,
      currency: 'PHP',
      delayMs: 0,
      outcome: 'FAIL',
    });
    await delivered(taken.paymentId, 1);
    expect(await payment(taken.paymentId)).toMatchObject({ status: 'FAIL', paidAt: null });
    await expect(
      initiateRefund(world.deps, { paymentId: taken.paymentId, amountValue: 700, idempotencyKey: key() }, world.actor),
    ).rejects.toThrow(/Only successful payments/);
  });

  it('out of order: the result arrives before PAYMENT_PENDING, which does not downgrade it', async () => {
    await admin.setFaults([{ fault: 'notifyOutOfOrder', count: 1, apis: ['notifyPayment'] }], { replace: true });
    const taken = await admin.takePayment({ method: 'CARD', amountValue: 2_000, currency: 'USD' });
    await admin.settlePayment(taken.paymentId);
    await delivered(taken.paymentId, 2);
    await admin.resetFaults();
    expect((await payment(taken.paymentId))?.status).toBe('SUCCESS');
    expect((await stored(taken.paymentId)).map((r) => [r.notifyType, r.outcome])).toEqual([
      ['PAYMENT_RESULT', 'APPLIED'],
      ['PAYMENT_PENDING', 'IGNORED'],
    ]);
  });

  it('duplicated: two copies of each attempt are one payment', async () => {
    await admin.setFaults([{ fault: 'notifyDuplicate', count: 1, apis: ['notifyPayment'] }], { replace: true });
    const taken = await admin.takePayment({ method: 'KAKAOPAY', amountValue: 15_000, currency: 'KRW', delayMs: 0 });
    await delivered(taken.paymentId, 1);
    await admin.resetFaults();
    expect((await admin.ledger({ paymentId: taken.paymentId })).notifications[0]!.attempts[0]).toMatchObject({
      copies: 2,
      acknowledged: true,
    });
    expect((await stored(taken.paymentId)).map((r) => r.outcome).sort()).toEqual(['APPLIED', 'DUPLICATE']);
    expect(await audits(taken.paymentId, 'payment.received')).toBe(1);
  });

  it('badly signed: refused, then applied when Antom sends it again properly', async () => {
    await admin.setFaults([{ fault: 'notifyBadSignature', count: 1, apis: ['notifyPayment'] }], { replace: true });
    const taken = await admin.takePayment({ method: 'TNG', amountValue: 3_550, currency: 'MYR', delayMs: 0 });
    await delivered(taken.paymentId, 1);
    await admin.resetFaults();
    const [delivery] = (await admin.ledger({ paymentId: taken.paymentId })).notifications;
    expect(delivery!.attempts.map((a) => [a.badSignature, a.httpStatus, a.acknowledged])).toEqual([
      [true, 401, false],
      [false, 200, true],
    ]);
    expect((await storedWith(taken.paymentId)).map((r) => r.outcome).sort()).toEqual(['APPLIED', 'REJECTED']);
    expect((await payment(taken.paymentId))?.status).toBe('SUCCESS');
  });

  it('lost: never sent, so the payment is not here', async () => {
    await admin.setFaults([{ fault: 'notifyLost', count: 1, apis: ['notifyPayment'] }], { replace: true });
    const taken = await admin.takePayment({ method: 'ALIPAY_HK', amountValue: 10_000, currency: 'HKD', delayMs: 0 });
    await delivered(taken.paymentId, 1);
    await admin.resetFaults();
    expect((await admin.ledger({ paymentId: taken.paymentId })).notifications[0]).toMatchObject({
      state: 'LOST',
      attempts: [],
    });
    expect(await payment(taken.paymentId)).toBeNull();
  });

  it('in store: SUCCESS at the sandbox at once, and no notification', async () => {
    const taken = await admin.takePayment({
      method: 'ALIPAY_CN',
      amountValue: 999,
      currency: 'SGD',
      channel: 'IN_STORE',
    });
    expect(taken).toMatchObject({ channel: 'IN_STORE', status: 'SUCCESS' });
    expect(taken.paidAt).not.toBeNull();
    expect((await admin.ledger({ paymentId: taken.paymentId })).notifications).toEqual([]);
    expect(await payment(taken.paymentId)).toBeNull();
  });
});

describe('npm run sandbox:pay', () => {
  // Asynchronously: the sandbox it talks to answers from this process.
  const cli = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/sandbox-pay.ts', ...args],
        { encoding: 'utf8', env: { ...process.env, SANDBOX_URL: world.sandbox.url } },
        (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });

  it("takes a payment in major units by the currency's exponent; its notification brings it here", async () => {
    const run = await cli('--method', 'ALIPAY_CN', '--amount', '12.50', '--currency', 'USD', '--delay-ms', '0');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const paymentId = /paymentId\s+(\S+)/.exec(run.stdout)![1]!;
    await eventually('the notified payment', async () => (await payment(paymentId))?.status === 'SUCCESS');
    expect(await payment(paymentId)).toMatchObject({ amountValue: 1_250, currency: 'USD', channel: 'ONLINE' });

    const inStore = await cli('--method', 'GCASH', '--amount', '1.250', '--currency', 'KWD', '--channel', 'IN_STORE');
    expect(inStore.status).toBe(0);
    const id = /paymentId\s+(\S+)/.exec(inStore.stdout)![1]!;
    expect((await admin.ledger({ paymentId: id })).payments[0]).toMatchObject({
      amountValue: 1_250,
      currency: 'KWD',
      channel: 'IN_STORE',
    });
  });

  it('bad input: one clear line and a non-zero exit, nothing taken', async () => {
    const before = (await admin.ledger()).payments.length;
    for (const args of [
      ['--method', 'ALIPAY_CN', '--amount', '12.505', '--currency', 'USD'],
      ['--method', 'ALIPAY_CN', '--amount', '10.5', '--currency', 'JPY'],
      ['--method', 'ALIPAY_CN', '--amount', '-3', '--currency', 'USD'],
      ['--method', 'ALIPAY_CN', '--amount', '12.50', '--currency', 'DOLLARS'],
      ['--method', 'ALIPAY_CN', '--amount', '12.50'],
      ['--method', 'ALIPAY_CN', '--amount', '12.50', '--currency', 'USD', '--channel', 'MOON'],
      ['--method', 'ALIPAY_CN', '--amount', '12.50', '--currency', 'USD', '--colour', 'red'],
    ]) {
      const run = await cli(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/^sandbox:pay: /);
    }
    expect((await admin.ledger()).payments.length).toBe(before);
  });
});
