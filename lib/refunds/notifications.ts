// notifyRefund from Antom: verify, store the raw notification, apply it, acknowledge.
// - A bad signature: 401, stored as REJECTED for the record, no refund changes.
// - The same notification again (Antom retries up to 8 times): one transition, later copies DUPLICATE.
// - Before the refund call's own response: the transition is allowed from CREATED; the late response
//   then finds the refund final and changes nothing.
// - A final result that contradicts ours: never applied; the refund is flagged and re-inquired.
// - An unknown refund: stored and flagged (UNKNOWN_REFUND), never lost.
import type { HeaderSource, RefundNotification } from '../antom/notifications';
import { redactHeaders } from '../antom';
import type { Db } from '../db/client';
import type { RefundEngineDeps } from './engine-deps';
import { transitionRefund, noteRefund } from './transition';

const MAX_STORED_BODY = 64 * 1024;

export interface NotificationResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function headerRecord(headers: HeaderSource): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof (headers as Headers).forEach === 'function') (headers as Headers).forEach((v, k) => (out[k] = v));
  else for (const [k, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return redactHeaders(out);
}

export async function receiveRefundNotification(
  deps: RefundEngineDeps,
  incoming: { path: string; headers: HeaderSource; rawBody: string },
): Promise<NotificationResponse> {
  const check = deps.antom.verifyNotifyRefund({ method: 'POST', ...incoming });
  // Antom's signature stays in the stored headers: it is what proves the notification was Antom's.
  const headers = { ...headerRecord(incoming.headers), ...(pick(incoming.headers, 'signature') ? { signature: pick(incoming.headers, 'signature')! } : {}) };
  const stored = await deps.db.notification.create({
    data: {
      path: incoming.path.slice(0, 128),
      headers,
      rawBody: incoming.rawBody.slice(0, MAX_STORED_BODY),
      signatureVerdict: check.verdict,
      ...(check.ok
        ? { notifyType: check.notification.notifyType, refundRequestId: check.notification.refundRequestId, refundId: check.notification.refundId, refundStatus: check.notification.rawStatus }
        : { outcome: 'REJECTED', processedAt: new Date(), note: check.detail.slice(0, 500) }),
    },
    select: { id: true },
  });
  if (!check.ok) return check.reply;
  try {
    await applyNotification(deps.db, stored.id, check.notification);
  } catch (error) {
    // Stored, so not lost: the worker applies PENDING notifications again. Antom need not resend.
    console.error(`[notifyRefund] applying notification ${stored.id} failed; left PENDING:`, error);
  }
  return check.reply;
}

function pick(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function applyNotification(db: Db, notificationId: string, n: RefundNotification): Promise<void> {
  const finish = (outcome: 'APPLIED' | 'DUPLICATE' | 'UNKNOWN_REFUND' | 'CONFLICT', note?: string) =>
    db.notification.update({ where: { id: notificationId }, data: { outcome, processedAt: new Date(), note: note ?? null }, select: { id: true } });

  const refund = await db.refund.findFirst({
    where: { OR: [{ refundRequestId: n.refundRequestId }, { refundId: n.refundId }] },
    select: { refundRequestId: true, refundId: true, status: true, amountValue: true, currency: true },
  });
  if (!refund) {
    await finish('UNKNOWN_REFUND', `No refund ${n.refundRequestId} / ${n.refundId} here.`);
    return;
  }
  if (n.amount.value !== refund.amountValue || n.amount.currency !== refund.currency || (refund.refundId && refund.refundId !== n.refundId)) {
    await flagConflict(db, refund.refundRequestId, `A notification reports ${n.amount.value} ${n.amount.currency} (refund ${n.refundId}); we hold ${refund.amountValue} ${refund.currency}.`);
    await finish('CONFLICT', 'amount, currency or refundId differ from ours');
    return;
  }
  const to = n.status;
  const moved = await transitionRefund(db, refund.refundRequestId, {
    to, cause: 'NOTIFICATION', resultCode: n.result.resultCode ?? null, resultStatus: n.result.resultStatus,
    resultMessage: n.result.resultMessage ?? null, antomStatus: n.rawStatus, refundId: n.refundId,
    ...(to === 'SUCCESS' ? { refundedAt: n.refundTime ?? new Date() } : {}),
  });
  if (moved.changed) return void (await finish('APPLIED'));
  if (moved.current === to) return void (await finish('DUPLICATE'));
  await flagConflict(db, refund.refundRequestId, `Antom notified ${n.rawStatus} but this refund is ${moved.current}: checking with Antom.`);
  await finish('CONFLICT', `notified ${to}, refund is ${moved.current}`);
}

/** Never overwrites a final state: flags it for a person and asks Antom again. */
async function flagConflict(db: Db, refundRequestId: string, reason: string) {
  await db.refund.update({ where: { refundRequestId }, data: { attentionReason: reason.slice(0, 256) }, select: { refundRequestId: true } });
  await noteRefund(db, refundRequestId, { nextCheckAt: new Date() });
  await db.auditLog.create({ data: { actorType: 'ANTOM', action: 'refund.notification_conflict', refundRequestId, details: { reason } } });
}

/** Applies a stored notification again (it was verified and stored, but applying it failed). */
export async function replayNotification(deps: RefundEngineDeps, notificationId: string): Promise<void> {
  const row = await deps.db.notification.findUnique({ where: { id: notificationId }, select: { path: true, headers: true, rawBody: true, outcome: true } });
  if (!row || row.outcome !== 'PENDING') return;
  const check = deps.antom.verifyNotifyRefund({ method: 'POST', path: row.path, headers: row.headers as Record<string, string>, rawBody: row.rawBody });
  if (!check.ok) {
    await deps.db.notification.update({ where: { id: notificationId }, data: { outcome: 'REJECTED', processedAt: new Date(), note: check.detail.slice(0, 500) }, select: { id: true } });
    return;
  }
  await applyNotification(deps.db, notificationId, check.notification);
}
