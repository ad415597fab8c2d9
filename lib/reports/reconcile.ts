// Reconciliation: the dashboard's payments and refunds against Antom's transaction details reports,
// for a range of days (the report's day T, UTC). One statement finds every difference and writes it to
// reconciliation_differences: new ones inserted (and, when they touch money, put on the refund's
// attention list and audited), known ones refreshed, ones no longer found marked resolved. What a
// person explained stays explained. Set-based: a day of a million payments is one hash join.
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';

export type DifferenceKind =
  'MISSING_AT_ANTOM' | 'EXTERNAL_REFUND' | 'AMOUNT_DIFFERS' | 'STATUS_DIFFERS' | 'PAYMENT_STATUS_DIFFERS';

export const DIFFERENCE_KINDS: DifferenceKind[] = [
  'MISSING_AT_ANTOM',
  'EXTERNAL_REFUND',
  'AMOUNT_DIFFERS',
  'STATUS_DIFFERS',
  'PAYMENT_STATUS_DIFFERS',
];

/** A refund of ours missing from Antom's report is flagged once T+2 has begun (Antom publishes T's report on T+1). */
export const MISSING_GRACE_DAYS = 2;

export interface ReconcileRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  now?: Date;
}

export interface ReconcileResult {
  found: number;
  added: number;
  resolved: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkRange(range: { from: string; to: string }): void {
  if (!DAY.test(range.from) || !DAY.test(range.to) || range.from > range.to) {
    throw new RangeError(`Not a range of days: ${range.from} – ${range.to}`);
  }
}

// Every difference in the range, one row each: (kind, ref) is its identity.
// Antom's transactionStatus is SUCCESS when the report does not carry one (the report lists successful
// transactions: https://docs.antom.com/ac/reconcile/transaction_details).
function findDifferences(from: string, to: string, now: Date): Prisma.Sql {
  return Prisma.sql`
  x AS (
    SELECT * FROM antom_report_rows
     WHERE kind = 'TRANSACTIONS' AND report_date BETWEEN ${from}::date AND ${to}::date
  ),
  refund_rows AS (
    SELECT x.*, coalesce(r1.refund_request_id, r2.refund_request_id) AS r_id,
           coalesce(r1.source, r2.source)::text AS r_source, coalesce(r1.status, r2.status)::text AS r_status,
           coalesce(r1.amount_value, r2.amount_value) AS r_amount, coalesce(r1.currency, r2.currency) AS r_currency,
           coalesce(r1.payment_id, r2.payment_id, p1.payment_id, p2.payment_id) AS p_id
      FROM x
      LEFT JOIN refunds r1 ON r1.refund_request_id = x.transaction_request_id
      LEFT JOIN refunds r2 ON r1.refund_request_id IS NULL AND r2.refund_id = x.transaction_id
      LEFT JOIN payments p1 ON p1.payment_id = x.original_transaction_id
      LEFT JOIN payments p2 ON p1.payment_id IS NULL AND p2.payment_request_id = x.original_transaction_request_id
     WHERE x.transaction_type = 'REFUND'
  ),
  payment_rows AS (
    SELECT x.*, p.payment_id AS p_id, p.status::text AS p_status, p.amount_value AS p_amount, p.currency AS p_currency,
           CASE x.transaction_type WHEN 'CANCEL' THEN 'CANCELLED'
                ELSE CASE x.transaction_status WHEN 'FAILED' THEN 'FAIL' ELSE x.transaction_status END END AS antom_status
      FROM x
      LEFT JOIN payments p ON p.payment_id = CASE x.transaction_type WHEN 'CANCEL' THEN coalesce(x.original_transaction_id, x.transaction_id)
                                                                      ELSE x.transaction_id END
     WHERE x.transaction_type IN ('PAYMENT', 'CANCEL')
  ),
  found AS (
    -- Antom refunded, and it is not ours.
    SELECT 'EXTERNAL_REFUND'::"DifferenceKind" AS kind, x.transaction_id AS ref, x.report_date AS day, x.p_id AS payment_id,
           x.r_id AS refund_request_id, x.transaction_id, x.currency, x.r_amount AS ours_value, x.amount_value AS antom_value,
           x.r_status AS ours_status, x.transaction_status AS antom_status,
           (x.r_id IS NULL AND x.transaction_status = 'SUCCESS') AS touches_money, true AS flagged,
           CASE WHEN x.r_id IS NOT NULL THEN 'Refunded at Antom outside this dashboard; recorded as an external refund and counted against the payment.'
                WHEN x.p_id IS NULL THEN 'Refunded at Antom outside this dashboard, for a payment this dashboard does not hold.'
                ELSE 'Refunded at Antom outside this dashboard, and the payment cannot hold it: more is refunded than was paid.' END AS detail
      FROM refund_rows x WHERE x.r_id IS NULL OR x.r_source = 'EXTERNAL'
    UNION ALL
    SELECT 'AMOUNT_DIFFERS', x.transaction_id, x.report_date, x.p_id, x.r_id, x.transaction_id, x.currency, x.r_amount,
           x.amount_value, x.r_status, x.transaction_status,
           (x.amount_value > x.r_amount OR x.currency <> x.r_currency), true,
           format('Antom refunded %s %s; this dashboard holds %s %s (minor units).', x.amount_value, x.currency, x.r_amount, x.r_currency)
      FROM refund_rows x
     WHERE x.r_source = 'DASHBOARD' AND (x.amount_value <> x.r_amount OR x.currency <> x.r_currency)
    UNION ALL
    SELECT 'STATUS_DIFFERS', x.transaction_id, x.report_date, x.p_id, x.r_id, x.transaction_id, x.currency, x.r_amount,
           x.amount_value, x.r_status, x.transaction_status,
           (x.transaction_status = 'SUCCESS' AND x.r_status = 'FAILED') OR (x.transaction_status IN ('FAIL', 'FAILED') AND x.r_status = 'SUCCESS'),
           true,
           CASE WHEN x.transaction_status = 'SUCCESS' AND x.r_status = 'FAILED'
                  THEN 'Antom refunded it; this dashboard holds it FAILED, so its amount is offered for refund again.'
                WHEN x.r_status = 'SUCCESS'
                  THEN format('Antom reports it %s; this dashboard holds it refunded.', x.transaction_status)
                ELSE format('Antom reports it %s; this dashboard still holds it %s.', x.transaction_status, x.r_status) END
      FROM refund_rows x
     WHERE x.r_source = 'DASHBOARD'
       AND ((x.transaction_status = 'SUCCESS' AND x.r_status <> 'SUCCESS')
         OR (x.transaction_status IN ('FAIL', 'FAILED') AND x.r_status <> 'FAILED'))
    UNION ALL
    -- Ours refunded, and Antom's report for its day does not have it.
    SELECT 'MISSING_AT_ANTOM', r.refund_request_id, (r.created_at AT TIME ZONE 'UTC')::date, r.payment_id, r.refund_request_id,
           r.refund_id, r.currency, r.amount_value, NULL, r.status::text, NULL, false,
           ${now}::timestamptz >= ((r.created_at AT TIME ZONE 'UTC')::date + ${MISSING_GRACE_DAYS}::int)::timestamp AT TIME ZONE 'UTC',
           'This dashboard holds it refunded; Antom''s transaction report for its day does not list it.'
      FROM refunds r
     WHERE r.source = 'DASHBOARD' AND r.status = 'SUCCESS'
       AND r.created_at >= (${from}::date)::timestamp AT TIME ZONE 'UTC'
       AND r.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'UTC'
       AND EXISTS (SELECT 1 FROM antom_reports a WHERE a.kind = 'TRANSACTIONS' AND a.superseded_at IS NULL
                      AND a.report_date = (r.created_at AT TIME ZONE 'UTC')::date)
       AND NOT EXISTS (SELECT 1 FROM antom_report_rows y WHERE y.transaction_request_id = r.refund_request_id
                          AND y.transaction_type = 'REFUND' AND y.kind = 'TRANSACTIONS')
    UNION ALL
    SELECT CASE WHEN x.p_id IS NOT NULL AND (x.amount_value <> x.p_amount OR x.currency <> x.p_currency)
                THEN 'AMOUNT_DIFFERS' ELSE 'PAYMENT_STATUS_DIFFERS' END::"DifferenceKind",
           x.transaction_id || ':' || x.transaction_type, x.report_date, x.p_id, NULL, x.transaction_id, x.currency, x.p_amount,
           x.amount_value, x.p_status, x.antom_status,
           x.p_id IS NOT NULL AND (x.amount_value <> x.p_amount OR x.currency <> x.p_currency), true,
           CASE WHEN x.p_id IS NULL THEN 'Antom reports a payment this dashboard does not hold and could not import (its ids or amount contradict one it holds).'
                WHEN x.amount_value <> x.p_amount OR x.currency <> x.p_currency
                  THEN format('Antom reports the payment as %s %s; this dashboard holds %s %s (minor units).', x.amount_value, x.currency, x.p_amount, x.p_currency)
                ELSE format('Antom reports the payment %s; this dashboard holds it %s.', x.antom_status, x.p_status) END
      FROM payment_rows x
     WHERE x.p_id IS NULL OR x.amount_value <> x.p_amount OR x.currency <> x.p_currency OR x.antom_status <> x.p_status
  )`;
}

/** Finds the range's differences and writes them (see the top of this file). */
export async function reconcile(db: Db, range: ReconcileRange): Promise<ReconcileResult> {
  checkRange(range);
  const now = range.now ?? new Date();
  const [row] = await queryRows<{ found: string; added: string; resolved: string }>(
    db,
    Prisma.sql`
    WITH ${findDifferences(range.from, range.to, now)},
    up AS (
      INSERT INTO reconciliation_differences AS d (id, kind, ref, day, payment_id, refund_request_id, transaction_id, currency,
             ours_value, antom_value, ours_status, antom_status, touches_money, flagged, detail, first_seen_at, last_seen_at)
      SELECT uuid_v7(), kind, left(ref, 80), day, payment_id, refund_request_id, transaction_id, currency, ours_value, antom_value,
             ours_status, antom_status, touches_money, flagged, left(detail, 512), ${now}::timestamptz, ${now}::timestamptz
        FROM found
      ON CONFLICT (kind, ref) DO UPDATE SET
        day = EXCLUDED.day, payment_id = EXCLUDED.payment_id, refund_request_id = EXCLUDED.refund_request_id,
        transaction_id = EXCLUDED.transaction_id, currency = EXCLUDED.currency, ours_value = EXCLUDED.ours_value,
        antom_value = EXCLUDED.antom_value, ours_status = EXCLUDED.ours_status, antom_status = EXCLUDED.antom_status,
        touches_money = EXCLUDED.touches_money, flagged = EXCLUDED.flagged, detail = EXCLUDED.detail,
        last_seen_at = EXCLUDED.last_seen_at, resolved_at = NULL
      RETURNING d.kind, d.refund_request_id, d.payment_id, d.transaction_id, d.detail, d.touches_money, d.flagged,
                d.currency, d.ours_value, d.antom_value, (xmax = 0) AS inserted
    ),
    gone AS (
      UPDATE reconciliation_differences d SET resolved_at = ${now}::timestamptz
       WHERE d.day BETWEEN ${range.from}::date AND ${range.to}::date AND d.resolved_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM found f WHERE f.kind = d.kind AND left(f.ref, 80) = d.ref)
      RETURNING d.id
    ),
    attention AS (
      UPDATE refunds r SET attention_reason = left('Reconciliation: ' || u.detail, 256), updated_at = now()
        FROM up u
       WHERE u.inserted AND u.touches_money AND r.refund_request_id = u.refund_request_id AND r.attention_reason IS NULL
      RETURNING r.refund_request_id
    ),
    audited AS (
      INSERT INTO audit_logs (id, actor_type, action, refund_request_id, payment_id, details)
      SELECT uuid_v7(), 'SYSTEM', 'reconciliation.difference', u.refund_request_id, u.payment_id,
             jsonb_build_object('kind', u.kind, 'transactionId', u.transaction_id, 'currency', u.currency,
                                'oursValue', u.ours_value, 'antomValue', u.antom_value, 'detail', u.detail)
        FROM up u WHERE u.inserted AND u.touches_money
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM up) AS found, (SELECT count(*) FROM up WHERE inserted) AS added,
           (SELECT count(*) FROM gone) AS resolved,
           (SELECT count(*) FROM attention) + (SELECT count(*) FROM audited) AS side_effects`,
  );
  return { found: Number(row?.found ?? 0), added: Number(row?.added ?? 0), resolved: Number(row?.resolved ?? 0) };
}

/**
 * The days the worker reconciles again every hour (worker.ts): up to today, back far enough for a
 * refund missing at Antom to be flagged once T+2 begins, and for refunds still in flight when their
 * day's report came to be matched once they end, without a person asking.
 */
export const RECONCILED_AGAIN_DAYS = MISSING_GRACE_DAYS + 1;

/** Reconciles the last RECONCILED_AGAIN_DAYS UTC days and today (Antom's report days are UTC days). */
export async function reconcileRecent(
  db: Db,
  now = new Date(),
): Promise<ReconcileResult & { from: string; to: string }> {
  const day = (back: number) => new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  const range = { from: day(RECONCILED_AGAIN_DAYS), to: day(0) };
  return { ...range, ...(await reconcile(db, { ...range, now })) };
}

/** Reconciles a range of days again on a person's request (ADMIN: it writes differences and attention flags). */
export async function reconcileRange(db: Db, actor: Actor, range: ReconcileRange): Promise<ReconcileResult> {
  authorize(actor, 'importReports');
  const result = await reconcile(db, range);
  await writeAudit(db, {
    actorType: 'USER',
    actorId: actor.id,
    action: 'reconciliation.run',
    details: { from: range.from, to: range.to, ...result },
  });
  return result;
}
