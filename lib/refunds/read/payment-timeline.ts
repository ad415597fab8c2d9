// A payment's own story, oldest first: created and paid, each refund asked for (or found in Antom's
// reports), each state a refund moved to and why, and every notification Antom sent about the
// payment or its refunds. The refund page has the full detail of one refund (calls and bodies);
// this is the overview a support person reads before talking to the customer.
import 'server-only';
import { cache } from 'react';
import { authorize, type Actor } from '../../auth/roles';
import { prisma } from '../../db';
import { queryRows } from '../../db/sql';
import { Prisma } from '../../generated/prisma/client';

/** More events than this is a payment whose refunds were polled for days: say it was cut. */
export const PAYMENT_TIMELINE_LIMIT = 200;

export type PaymentEvent =
  | { kind: 'created'; at: Date }
  | { kind: 'paid'; at: Date }
  | {
      kind: 'refund';
      at: Date;
      refundRequestId: string;
      amountValue: number;
      currency: string;
      by: string | null;
      source: 'DASHBOARD' | 'EXTERNAL';
      reason: string | null;
    }
  | {
      kind: 'refund-state';
      at: Date;
      refundRequestId: string;
      from: string | null;
      to: string;
      /** USER, ANTOM_RESPONSE, NOTIFICATION, RECONCILER, SYSTEM (lib/refunds/states.ts TransitionCause). */
      cause: string | null;
      resultCode: string | null;
    }
  | {
      kind: 'notification';
      at: Date;
      /** notifyRefund names a refund; notifyPayment the payment. */
      about: 'REFUND' | 'PAYMENT';
      refundRequestId: string | null;
      reported: string | null;
      outcome: string;
      signatureVerdict: string;
    };

export interface PaymentTimeline {
  events: PaymentEvent[];
  truncated: boolean;
}

interface Row {
  kind: PaymentEvent['kind'];
  at: Date;
  refund_request_id: string | null;
  amount_value: number | null;
  currency: string | null;
  by_name: string | null;
  source: string | null;
  reason: string | null;
  from_status: string | null;
  to_status: string | null;
  cause: string | null;
  result_code: string | null;
  about: string | null;
  outcome: string | null;
  signature_verdict: string | null;
}

/**
 * One statement: the payment's refunds (index on payment_id), their transitions (audit_logs by
 * refund_request_id) and the notifications naming the payment or one of its refunds (each by its
 * own index), merged and cut at PAYMENT_TIMELINE_LIMIT.
 */
export const getPaymentTimeline = cache(async (viewer: Actor, paymentId: string): Promise<PaymentTimeline> => {
  authorize(viewer, 'read');
  const rows = await queryRows<Row>(
    prisma,
    Prisma.sql`
    WITH p AS (SELECT payment_id, created_at, paid_at FROM payments WHERE payment_id = ${paymentId}),
         r AS (SELECT r.refund_request_id, r.refund_id, r.amount_value, r.currency, r.created_at, r.source::text AS source,
                      r.reason, u.name AS by_name
                 FROM refunds r LEFT JOIN users u ON u.id = r.requested_by_id WHERE r.payment_id = ${paymentId})
    SELECT * FROM (
      SELECT 'created' AS kind, created_at AS at, NULL AS refund_request_id, NULL::int AS amount_value, NULL AS currency,
             NULL AS by_name, NULL AS source, NULL AS reason, NULL AS from_status, NULL AS to_status, NULL AS cause,
             NULL AS result_code, NULL AS about, NULL AS outcome, NULL AS signature_verdict FROM p
      UNION ALL
      SELECT 'paid', paid_at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM p WHERE paid_at IS NOT NULL
      UNION ALL
      SELECT 'refund', created_at, refund_request_id, amount_value, currency, by_name, source, reason,
             NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM r
      UNION ALL
      SELECT 'refund-state', a.at, a.refund_request_id, NULL, NULL, NULL, NULL, NULL, a.details->>'from', a.details->>'to',
             a.details->>'cause', a.details->>'resultCode', NULL, NULL, NULL
        FROM audit_logs a JOIN r ON a.refund_request_id = r.refund_request_id
       WHERE a.action = 'refund.status_changed'
      UNION ALL
      SELECT 'notification', n.received_at, r.refund_request_id, NULL, NULL, NULL, NULL, NULL, NULL, n.refund_status,
             NULL, NULL, 'REFUND', n.outcome::text, n.signature_verdict::text
        FROM notifications n JOIN r ON n.refund_request_id = r.refund_request_id
      UNION ALL
      -- Notifications that name the refund only by Antom's refundId.
      SELECT 'notification', n.received_at, r.refund_request_id, NULL, NULL, NULL, NULL, NULL, NULL, n.refund_status,
             NULL, NULL, 'REFUND', n.outcome::text, n.signature_verdict::text
        FROM notifications n JOIN r ON n.refund_id = r.refund_id
       WHERE n.refund_request_id IS NULL
      UNION ALL
      SELECT 'notification', n.received_at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, n.payment_status,
             NULL, NULL, 'PAYMENT', n.outcome::text, n.signature_verdict::text
        FROM notifications n WHERE n.payment_id = ${paymentId}
    ) e
    ORDER BY at, CASE kind WHEN 'created' THEN 0 WHEN 'paid' THEN 1 WHEN 'refund' THEN 2 WHEN 'notification' THEN 3 ELSE 4 END
    LIMIT ${PAYMENT_TIMELINE_LIMIT + 1}`,
  );
  const events = rows.slice(0, PAYMENT_TIMELINE_LIMIT).map(toEvent);
  return { events, truncated: rows.length > PAYMENT_TIMELINE_LIMIT };
});

function toEvent(row: Row): PaymentEvent {
  switch (row.kind) {
    case 'created':
    case 'paid':
      return { kind: row.kind, at: row.at };
    case 'refund':
      return {
        kind: 'refund',
        at: row.at,
        refundRequestId: row.refund_request_id!,
        amountValue: row.amount_value!,
        currency: row.currency!,
        by: row.by_name,
        source: row.source === 'EXTERNAL' ? 'EXTERNAL' : 'DASHBOARD',
        reason: row.reason,
      };
    case 'refund-state':
      return {
        kind: 'refund-state',
        at: row.at,
        refundRequestId: row.refund_request_id!,
        from: row.from_status,
        to: row.to_status ?? '',
        cause: row.cause,
        resultCode: row.result_code,
      };
    case 'notification':
      return {
        kind: 'notification',
        at: row.at,
        about: row.about === 'PAYMENT' ? 'PAYMENT' : 'REFUND',
        refundRequestId: row.refund_request_id,
        reported: row.to_status,
        outcome: row.outcome ?? 'PENDING',
        signatureVerdict: row.signature_verdict ?? 'NOT_CHECKED',
      };
  }
}
