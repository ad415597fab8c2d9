// notifyRefund from Antom: verify, store the raw notification, apply it, acknowledge.
// - A bad signature: 401, stored as REJECTED for the record, no refund changes.
// - The same notification again (Antom retries up to 8 times): one transition, later copies DUPLICATE.
// - Before the refund call's own response: the transition is allowed from CREATED; the late response
//   then finds the refund final and changes nothing.
// - A final result that contradicts ours: never applied; the refund is flagged and re-inquired.
// - An unknown refund: stored and flagged (UNKNOWN_REFUND), never lost.
import type { RefundNotification } from '../antom/notifications';
import { redactHeaders } from '../antom';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import type { RefundEngineDeps } from './engine-deps';
import { transitionArgs } from './transition';

const MAX_STORED_BODY = 64 * 1024;

export interface NotificationResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function receiveRefundNotification(
  deps: RefundEngineDeps,
  /** Header names in lower case (the notification door hands them so). */
  incoming: { path: string; headers: Record<string, string>; rawBody: string },
): Promise<NotificationResponse> {
  const check = deps.antom.verifyNotifyRefund({ method: 'POST', ...incoming });
  // Antom's signature stays in the stored headers: it is what proves the notification was Antom's.
  const signature = incoming.headers.signature;
  const headers = { ...redactHeaders(incoming.headers), ...(signature ? { signature } : {}) };
  // Whole: a replay verifies the signature against it again.
  const path = incoming.path;
  const rawBody = incoming.rawBody.slice(0, MAX_STORED_BODY);
  if (!check.ok) {
    await deps.db.notification.create({
      data: {
        path,
        headers,
        rawBody,
        signatureVerdict: check.verdict,
        outcome: 'REJECTED',
        processedAt: new Date(),
        note: check.detail.slice(0, 500),
      },
      select: { id: true },
    });
    return check.reply;
  }
  // Applied and stored in one call (refund_notification_receive). Should applying fail, the row is
  // still stored, PENDING: the worker applies PENDING notifications again, so Antom need not resend.
  const n = check.notification;
  const a = notificationArgs(n);
  const [result] = await queryRows<{ notification_id: string; error: string | null }>(
    deps.db,
    Prisma.sql`
    SELECT notification_id::text, error
      FROM refund_notification_receive(${path}, ${JSON.stringify(headers)}::jsonb, ${rawBody}, ${n.notifyType},
                                       ${n.refundRequestId}, ${n.refundId}, ${n.rawStatus}, ${n.amount.value}::int, ${n.amount.currency},
                                       ${n.status}::"RefundStatus", ${a.fromStates}::"RefundStatus"[], ${JSON.stringify(a.changes)}::jsonb, ${JSON.stringify(a.details)}::jsonb)`,
  );
  if (result?.error)
    console.error(
      `[notifyRefund] applying notification ${result.notification_id} failed; left PENDING: ${result.error}`,
    );
  return check.reply;
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
    select: { path: true, headers: true, rawBody: true, outcome: true },
  });
  if (!row || row.outcome !== 'PENDING') return;
  const check = deps.antom.verifyNotifyRefund({
    method: 'POST',
    path: row.path,
    headers: row.headers as Record<string, string>,
    rawBody: row.rawBody,
  });
  if (!check.ok) {
    await deps.db.notification.update({
      where: { id: notificationId },
      data: { outcome: 'REJECTED', processedAt: new Date(), note: check.detail.slice(0, 500) },
      select: { id: true },
    });
    return;
  }
  await applyNotification(deps.db, notificationId, check.notification);
}
