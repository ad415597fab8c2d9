// Notification ingestion: Antom's signed notifications POSTed to the webhook, 32 at a time, signed
// beforehand with the sandbox's Antom key, so that every request does the full work.
// - notifyRefund: each one settles a distinct refund that was waiting for it (PROCESSING, inserted
//   first through the refund triggers, as a card refund that Antom accepted would be): verify, store,
//   transition, audit.
// - notifyPayment: each one is a distinct payment the dashboard does not hold yet, Antom's
//   PAYMENT_RESULT SUCCESS as the merchant's checkout would cause it: verify, store, create the
//   payment (every index of the payments table), audit. Its payments are removed again by cleanup.ts.
import path from 'node:path';
import type { Request } from 'autocannon';
import { resultFor } from '../../sandbox/antom';
import { DEFAULT_SANDBOX_CLIENT_ID } from '../../sandbox';
import { loadSandboxKeys } from '../../sandbox/keys';
import { signedHeaders } from '../../lib/antom/signing';
import type { Db } from '../../lib/db/client';
import { BENCH_KEY_PREFIX, BENCH_PAYMENT_PREFIX } from './cleanup';
import { httpLoad, type Timing } from './measure';

const WEBHOOK = '/api/antom/notify-refund';
const PAYMENT_WEBHOOK = '/api/antom/notify-payment';

export interface IngestionResult extends Timing {
  /** Notifications that settled their refund or made their payment (APPLIED), of `sent` (warm-up included). */
  applied: number;
  sent: number;
}

interface Waiting {
  refund_request_id: string;
  refund_id: string;
  payment_id: string;
  amount_value: number;
  currency: string;
}

/** Refunds Antom accepted and will notify about: due for a check only in a month, so the reconciler leaves them alone. */
async function waitingRefunds(db: Db, run: string, count: number, actorId: string): Promise<Waiting[]> {
  return db.$queryRaw<Waiting[]>`
    INSERT INTO refunds (refund_request_id, refund_id, payment_id, amount_value, currency, status, result_code, result_status,
                         antom_status, idempotency_key, requested_by_id, submit_attempts, submitted_at, next_check_at, updated_at)
    SELECT 'RF_BENCH_' || ${run} || '_' || n, 'BENCH' || ${run} || lpad(n::text, 8, '0'), payment_id, amount_value, currency,
           'PROCESSING', 'REFUND_IN_PROCESS', 'U', 'PROCESSING', ${BENCH_KEY_PREFIX} || ${run} || '_' || n, ${actorId}::uuid, 1, now(),
           now() + interval '30 days', now()
      FROM (SELECT row_number() OVER () AS n, payment_id, amount_value, currency FROM (
              SELECT payment_id, amount_value, currency FROM payments
               WHERE channel = 'ONLINE' AND status = 'SUCCESS' AND refund_held_value = 0 AND method <> 'KONBINI'
               ORDER BY random() LIMIT ${count}) chosen) numbered
    RETURNING refund_request_id, refund_id, payment_id, amount_value, currency`;
}

type AntomKey = Parameters<typeof signedHeaders>[1];

/** A POST of `body` to `path`, signed as Antom signs its notifications. */
function signed(path: string, body: string, privateKey: AntomKey): Request {
  const headers = signedHeaders(
    { method: 'POST', path, clientId: DEFAULT_SANDBOX_CLIENT_ID, time: String(Date.now()), body },
    privateKey,
    1,
  );
  return { method: 'POST', path, body, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } };
}

function signedNotifications(refunds: Waiting[], privateKey: AntomKey): Request[] {
  const result = resultFor('SUCCESS', 'notifyRefund.online');
  return refunds.map((r) => {
    const body = JSON.stringify({
      notifyType: 'REFUND_RESULT',
      result,
      refundRequestId: r.refund_request_id,
      refundId: r.refund_id,
      paymentId: r.payment_id,
      refundAmount: { value: String(r.amount_value), currency: r.currency },
      refundStatus: 'SUCCESS',
      refundTime: new Date().toISOString(),
    });
    return signed(WEBHOOK, body, privateKey);
  });
}

/** notifyPayment for `count` payments nobody has seen, as the online page describes it (every value a string). */
function paymentNotifications(run: string, count: number, privateKey: AntomKey): Request[] {
  const methods = ['ALIPAY_CN', 'GCASH', 'KAKAOPAY', 'CARD'];
  const currencies = ['USD', 'SGD', 'EUR', 'HKD'];
  return Array.from({ length: count }, (_, n) => {
    const created = new Date(Date.now() - 5_000).toISOString();
    const body = JSON.stringify({
      notifyType: 'PAYMENT_RESULT',
      result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
      paymentRequestId: `${BENCH_PAYMENT_PREFIX}${run}_${n}`,
      paymentId: `BENCHPAY${run}${String(n).padStart(8, '0')}`,
      paymentAmount: { value: String(1_000 + (n % 50_000)), currency: currencies[n % currencies.length] },
      paymentCreateTime: created,
      paymentTime: new Date().toISOString(),
      paymentMethodType: methods[n % methods.length],
    });
    return signed(PAYMENT_WEBHOOK, body, privateKey);
  });
}

async function post(baseUrl: string, notifications: Request[], connections: number): Promise<Timing> {
  let next = 0;
  // autocannon builds each connection's first request once before sending it: spares cover that.
  const spares = connections * 2;
  return httpLoad({
    url: baseUrl + notifications[0]!.path,
    connections,
    amount: notifications.length - spares,
    requests: [{ method: 'POST', setupRequest: () => notifications[next++ % notifications.length]! }],
  });
}

/** Sends the first `warmUp` notifications unmeasured, then measures the rest: the same for both kinds. */
async function ingest(
  baseUrl: string,
  connections: number,
  notifications: Request[],
  warmUp: number,
  countApplied: () => Promise<number>,
): Promise<IngestionResult> {
  const warm = await post(baseUrl, notifications.slice(0, warmUp), connections);
  const timing = await post(baseUrl, notifications.slice(warmUp), connections);
  return {
    ...timing,
    applied: await countApplied(),
    sent: warm.count + warm.failures + timing.count + timing.failures,
  };
}

const warmUpFor = (connections: number) => 256 + connections * 2;

export async function measureNotifyIngestion(options: {
  db: Db;
  baseUrl: string;
  sandboxDir: string;
  actorId: string;
  count: number;
  connections: number;
}): Promise<IngestionResult> {
  const { db, connections } = options;
  const run = Date.now().toString(36).toUpperCase();
  const { antom } = await loadSandboxKeys(path.join(options.sandboxDir, 'keys'));
  const warmUp = warmUpFor(connections);
  const refunds = await waitingRefunds(db, run, warmUp + options.count + connections * 2, options.actorId);
  return ingest(options.baseUrl, connections, signedNotifications(refunds, antom.privateKey), warmUp, async () => {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM notifications WHERE refund_request_id LIKE ${`RF_BENCH_${run}_%`} AND outcome = 'APPLIED'`;
    return Number(row!.n);
  });
}

export async function measurePaymentNotifyIngestion(options: {
  db: Db;
  baseUrl: string;
  sandboxDir: string;
  count: number;
  connections: number;
}): Promise<IngestionResult> {
  const { db, connections } = options;
  const run = Date.now().toString(36).toUpperCase();
  const { antom } = await loadSandboxKeys(path.join(options.sandboxDir, 'keys'));
  const warmUp = warmUpFor(connections);
  const notifications = paymentNotifications(run, warmUp + options.count + connections * 2, antom.privateKey);
  return ingest(options.baseUrl, connections, notifications, warmUp, async () => {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM notifications
       WHERE payment_request_id LIKE ${`${BENCH_PAYMENT_PREFIX}${run}_%`} AND outcome = 'APPLIED'`;
    return Number(row!.n);
  });
}
