// notifyPayment applied to our payments. The notification door and the refund engine's
// notification machinery (lib/refunds/notifications.ts) verify and store it; this module says what
// it means for the payment, in the SQL function payment_notification_settle (migration
// 20261202224509_payment_notifications), in one statement with storing it:
// - a payment we do not hold is created as Antom reports it (a SUCCESS is refundable at once);
// - a payment moves only forward (states.ts): PENDING after SUCCESS is IGNORED, never a downgrade;
// - the same notification again is DUPLICATE: eight copies are one change;
// - ids, amount or currency that contradict the payment we hold, or a final result that contradicts
//   ours: CONFLICT, the payment flagged for a person (attention_reason) and audited, never applied.
import type { PaymentNotification } from '../antom';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { isFinalPayment, paymentStatesLeadingTo, type Channel } from './states';

/** What the notification's row keeps besides what it names: where it came from and its raw form. */
export interface ArrivedNotification {
  path: string;
  headers: Record<string, string>;
  rawBody: string;
}

/**
 * The channel of a payment we do not hold yet. Antom's in-store notifyPayment carries nothing that
 * says "in store" (https://docs.antom.com/ac/ams/paymentrn), so the notify URL given for in-store
 * payments says it: `/api/antom/notify-payment?channel=IN_STORE` (Antom signs the query with the
 * path, so it cannot be forged). An offline payment code is in store by definition.
 */
export function channelOf(path: string, n: Pick<PaymentNotification, 'notifyType'>): Channel {
  if (n.notifyType === 'OFFLINE_PAYMENT_CODE') return 'IN_STORE';
  const query = path.includes('?') ? new URLSearchParams(path.slice(path.indexOf('?') + 1)) : null;
  const said = query?.get('channel')?.toUpperCase().replace('-', '_');
  return said === 'IN_STORE' ? 'IN_STORE' : 'ONLINE';
}

/** payment_notification_settle's arguments after the notification's own, in its order. */
function settleArgs(path: string, n: PaymentNotification): Prisma.Sql {
  const final = n.status !== null && isFinalPayment(n.status);
  const details = {
    cause: 'NOTIFICATION',
    notifyType: n.notifyType,
    to: n.status,
    resultCode: n.result?.resultCode ?? null,
    resultStatus: n.result?.resultStatus ?? null,
  };
  return Prisma.sql`${n.paymentId}, ${n.paymentRequestId}, ${n.amount.value}::int, ${n.amount.currency},
    ${n.status}::"PaymentStatus", ${final}, ${n.status ? paymentStatesLeadingTo(n.status) : []}::"PaymentStatus"[],
    ${channelOf(path, n)}::"Channel", ${n.method}, ${n.createdAt}::timestamptz, ${n.paidAt}::timestamptz,
    ${JSON.stringify(details)}::jsonb`;
}

/**
 * Applies a verified notifyPayment and stores it with its outcome, in one statement
 * (payment_notification_receive). Should applying fail, the row is still stored, PENDING, with the
 * error returned for the log: the worker applies PENDING notifications again.
 */
export async function receivePaymentNotificationRow(
  db: Db,
  arrived: ArrivedNotification,
  n: PaymentNotification,
): Promise<{ notificationId: string; error: string | null }> {
  const [row] = await queryRows<{ notification_id: string; error: string | null }>(
    db,
    Prisma.sql`
    SELECT notification_id::text, error
      FROM payment_notification_receive(${arrived.path}, ${JSON.stringify(arrived.headers)}::jsonb, ${arrived.rawBody},
                                        ${n.notifyType}, ${settleArgs(arrived.path, n)})`,
  );
  return { notificationId: row!.notification_id, error: row!.error };
}

/** Applies a stored, verified notifyPayment again and records its outcome on the row. */
export async function applyPaymentNotification(
  db: Db,
  notificationId: string,
  path: string,
  n: PaymentNotification,
): Promise<void> {
  await queryRows(
    db,
    Prisma.sql`SELECT outcome FROM payment_notification_apply(${notificationId}::uuid, ${settleArgs(path, n)})`,
  );
}
