// Antom's notifications, notifyRefund and notifyPayment, taken one way (receiveNotification): verify,
// store the raw notification and apply it in one statement, acknowledge. For notifyRefund:
// - A bad signature: 401, stored as REJECTED for the record, no refund changes.
// - The same notification again (Antom retries up to 8 times): one transition, later copies DUPLICATE.
// - Before the refund call's own response: the transition is allowed from CREATED; the late response
//   then finds the refund final and changes nothing.
// - A final result that contradicts ours: never applied; the refund is flagged and re-inquired.
// - An unknown refund: stored and flagged (UNKNOWN_REFUND), never lost.
import type { NotificationCheck, PaymentNotification, RefundNotification } from '../antom/notifications';
import { createHash } from 'node:crypto';
import { notificationRefusal, parseSignedTime, redactHeaders } from '../antom';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import {
  applyPaymentNotification,
  receivePaymentNotificationRow,
  type ArrivedNotification,
} from '../payments/notifications';
import type { RefundEngineDeps } from './engine-deps';
import { transitionArgs } from './transition';
import { log } from '../ops/log';

const MAX_STORED_BODY = 64 * 1024;
/** Of a refused notification only this much is kept, with the whole body's SHA-256 (issue 14, gap 4). */
const REJECT_PREFIX_CHARS = 256;

/**
 * How old a notification's signed request-time may be when it arrives: Antom's last retry comes
 * about 24.4 hours after its first attempt (0 s, 2 min, 10 min, 10 min, 1 h, 2 h, 6 h, 15 h), and
 * we do not know that it signs each retry afresh, so a day and two hours; and how far ahead of our
 * clock it may be. Outside that, a signed notification is a replay or a clock to fix: refused.
 * Only at arrival: a stored notification applied again later is not judged by its age.
 */
export const NOTIFICATION_MAX_AGE_MS = 26 * 3600_000;
export const NOTIFICATION_MAX_AHEAD_MS = 5 * 60_000;

function requestTimeProblem(value: string | undefined, now: number): string | null {
  const time = parseSignedTime(value);
  if (!time) return 'request-time missing or unreadable';
  if (now - time.getTime() > NOTIFICATION_MAX_AGE_MS) return `request-time ${time.toISOString()} is too old`;
  if (time.getTime() - now > NOTIFICATION_MAX_AHEAD_MS) return `request-time ${time.toISOString()} is in the future`;
  return null;
}

export interface NotificationResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Incoming = {
  path: string;
  headers: Record<string, string>;
  rawBody: string;
  /** False for an address that keeps sending refused notifications (lib/webhooks/reject-limit.ts). */
  storeRejects?: boolean;
};

/** One kind of notification: how it is verified, and how a verified one is stored and applied. */
interface NotificationRoute<N> {
  kind: 'REFUND' | 'PAYMENT';
  verify(deps: RefundEngineDeps, incoming: Incoming): NotificationCheck<N>;
  /** Applies it and stores it with its outcome in one statement; `error` when applying failed (stored PENDING). */
  receive(db: Db, arrived: ArrivedNotification, n: N): Promise<{ notificationId: string; error: string | null }>;
  /** Applies a stored one again, recording its outcome on the row. */
  apply(db: Db, notificationId: string, path: string, n: N): Promise<void>;
}

const REFUND_ROUTE: NotificationRoute<RefundNotification> = {
  kind: 'REFUND',
  verify: (deps, incoming) => deps.antom.verifyNotifyRefund({ method: 'POST', ...incoming }),
  receive: receiveRefundNotificationRow,
  apply: (db, notificationId, _path, n) => applyNotification(db, notificationId, n),
};

const PAYMENT_ROUTE: NotificationRoute<PaymentNotification> = {
  kind: 'PAYMENT',
  verify: (deps, incoming) => deps.antom.verifyNotifyPayment({ method: 'POST', ...incoming }),
  receive: receivePaymentNotificationRow,
  apply: applyPaymentNotification,
};

/**
 * Every notification's way in: Antom's signature checked (fail closed: a bad one is stored REJECTED
 * and refused, so Antom sends it again), then applied and stored raw in one statement, then
 * acknowledged with Antom's fixed body, which is only ever sent once the notification is stored.
 */
async function receiveNotification<N>(
  route: NotificationRoute<N>,
  deps: RefundEngineDeps,
  /** Header names in lower case (the notification door hands them so). */
  incoming: Incoming,
): Promise<NotificationResponse> {
  const check = route.verify(deps, incoming);
  // Antom's signature stays in the stored headers: it is what proves the notification was Antom's.
  const signature = incoming.headers.signature;
  const headers = { ...redactHeaders(incoming.headers), ...(signature ? { signature } : {}) };
  // Whole: a replay verifies the signature against it again.
  const path = incoming.path;
  const rawBody = incoming.rawBody.slice(0, MAX_STORED_BODY);
  const late = check.ok ? requestTimeProblem(incoming.headers['request-time'], Date.now()) : null;
  if (!check.ok || late) {
    if (incoming.storeRejects === false) return check.ok ? STALE_REPLY : check.reply;
    // Kept for the record, not whole: its digest, its length and the start of it.
    const digest = createHash('sha256').update(incoming.rawBody).digest('hex');
    const detail = check.ok ? late! : check.detail;
    await deps.db.notification.create({
      data: {
        path: path.slice(0, 2048),
        headers,
        rawBody: incoming.rawBody.slice(0, REJECT_PREFIX_CHARS),
        kind: route.kind,
        signatureVerdict: check.verdict,
        outcome: 'REJECTED',
        processedAt: new Date(),
        note: `${detail} (sha256 ${digest}, ${Buffer.byteLength(incoming.rawBody)} bytes)`.slice(0, 500),
      },
      select: { id: true },
    });
    return check.ok ? STALE_REPLY : check.reply;
  }
  // Should applying fail, the row is still stored, PENDING: the worker applies PENDING notifications
  // again, so Antom need not resend.
  const result = await route.receive(deps.db, { path, headers, rawBody }, check.notification);
  if (result.error)
    log('notifications').error(
      { kind: route.kind, notificationId: result.notificationId, error: result.error },
      'applying a notification failed; left PENDING',
    );
  return check.reply;
}

/** A signed notification outside the request-time window: refused like a bad signature. */
const STALE_REPLY: NotificationResponse = notificationRefusal(401, 'request-time outside the accepted window');

/** notifyRefund at /api/antom/notify-refund. */
export function receiveRefundNotification(deps: RefundEngineDeps, incoming: Incoming): Promise<NotificationResponse> {
  return receiveNotification(REFUND_ROUTE, deps, incoming);
}

/** notifyPayment at /api/antom/notify-payment (lib/payments/notifications.ts says what it does to a payment). */
export function receivePaymentNotification(deps: RefundEngineDeps, incoming: Incoming): Promise<NotificationResponse> {
  return receiveNotification(PAYMENT_ROUTE, deps, incoming);
}

/** A verified notifyRefund applied and stored in one call (refund_notification_receive). */
async function receiveRefundNotificationRow(db: Db, arrived: ArrivedNotification, n: RefundNotification) {
  const a = notificationArgs(n);
  const [result] = await queryRows<{ notification_id: string; error: string | null }>(
    db,
    Prisma.sql`
    SELECT notification_id::text, error
      FROM refund_notification_receive(${arrived.path}, ${JSON.stringify(arrived.headers)}::jsonb, ${arrived.rawBody}, ${n.notifyType},
                                       ${n.refundRequestId}, ${n.refundId}, ${n.rawStatus}, ${n.amount.value}::int, ${n.amount.currency},
                                       ${n.status}::"RefundStatus", ${a.fromStates}::"RefundStatus"[], ${JSON.stringify(a.changes)}::jsonb, ${JSON.stringify(a.details)}::jsonb)`,
  );
  return { notificationId: result!.notification_id, error: result!.error };
}

/** The transition a notification asks for, in the form refund_transition takes it. */
function notificationArgs(n: RefundNotification) {
  return transitionArgs({
    to: n.status,
    cause: 'NOTIFICATION',
    resultCode: n.result.resultCode ?? null,
    resultStatus: n.result.resultStatus,
    resultMessage: n.result.resultMessage ?? null,
    antomStatus: n.rawStatus,
    refundId: n.refundId,
    ...(n.status === 'SUCCESS' ? { refundedAt: n.refundTime ?? new Date() } : {}),
  });
}

/**
 * Applies a stored, verified notification (refund_notification_apply): APPLIED, DUPLICATE,
 * UNKNOWN_REFUND, or CONFLICT (flagged and re-inquired, never applied). The rules are in the SQL
 * function refund_notification_settle (migration 20261201030000_refund_write_functions), which the
 * webhook's refund_notification_receive uses too.
 */
export async function applyNotification(db: Db, notificationId: string, n: RefundNotification): Promise<void> {
  const a = notificationArgs(n);
  await queryRows(
    db,
    Prisma.sql`
    SELECT outcome
      FROM refund_notification_apply(${notificationId}::uuid, ${n.refundRequestId}, ${n.refundId}, ${n.rawStatus}, ${n.amount.value}::int,
                                     ${n.amount.currency}, ${n.status}::"RefundStatus", ${a.fromStates}::"RefundStatus"[],
                                     ${JSON.stringify(a.changes)}::jsonb, ${JSON.stringify(a.details)}::jsonb)`,
  );
}

/** Applies a stored notification again (it was verified and stored, but applying it failed). */
export async function replayNotification(deps: RefundEngineDeps, notificationId: string): Promise<void> {
  const row = await deps.db.notification.findUnique({
    where: { id: notificationId },
    select: { path: true, headers: true, rawBody: true, outcome: true, kind: true },
  });
  if (!row || row.outcome !== 'PENDING') return;
  if (row.kind === 'PAYMENT') await replayAs(PAYMENT_ROUTE, deps, notificationId, row);
  else await replayAs(REFUND_ROUTE, deps, notificationId, row);
}

async function replayAs<N>(
  route: NotificationRoute<N>,
  deps: RefundEngineDeps,
  notificationId: string,
  row: { path: string; headers: unknown; rawBody: string },
): Promise<void> {
  const incoming = { path: row.path, headers: row.headers as Record<string, string>, rawBody: row.rawBody };
  const check = route.verify(deps, incoming);
  if (!check.ok) {
    await deps.db.notification.update({
      where: { id: notificationId },
      data: { outcome: 'REJECTED', processedAt: new Date(), note: check.detail.slice(0, 500) },
      select: { id: true },
    });
    return;
  }
  await route.apply(deps.db, notificationId, row.path, check.notification);
}
