// The campaign's verdict: our database against itself (in SQL) and against the sandbox's ledger, as
// the issue lists the checks. Every difference is one row naming the payment or refund.
import type { Db } from '../../lib/db/client';
import type { LedgerView } from '../../sandbox';

export const CHECKS = {
  overRefundedOurs: 'payments over-refunded in our database',
  overRefundedAntom: 'payments over-refunded at Antom (sandbox)',
  appliedTwice: 'refunds Antom applied twice',
  onlyAtAntom: 'refunds Antom holds that we do not',
  notFinal: 'our refunds not final',
  disagree: "our refunds not in Antom's state and amount",
  held: 'held amounts not the sum of live refunds',
} as const;
export type CheckName = keyof typeof CHECKS;

export interface Difference {
  check: CheckName | 'run';
  detail: string;
}

interface OurRefund {
  refundRequestId: string;
  refundId: string | null;
  paymentId: string;
  amountValue: number;
  currency: string;
  status: string;
  resultCode: string | null;
  attentionReason: string | null;
  nextCheckAt: Date | null;
}

interface OurPayment {
  paymentId: string;
  amountValue: number;
  heldValue: number;
  refundedValue: number;
  liveValue: number;
  successValue: number;
}

/** Our refunds and what the sandbox holds, compared; an empty list means the books agree. */
export async function findDifferences(db: Db, ledger: LedgerView): Promise<Difference[]> {
  const out: Difference[] = [];
  const add = (check: CheckName, detail: string) => out.push({ check, detail });

  // 1. Refunds not FAILED (nor CANCELLED: never sent) never exceed the payment: ours (SQL) and Antom's.
  const over = await db.$queryRaw<{ paymentId: string; amountValue: number; currency: string; live: number }[]>`
    SELECT p.payment_id AS "paymentId", p.amount_value AS "amountValue", p.currency, SUM(r.amount_value)::int AS live
      FROM payments p JOIN refunds r ON r.payment_id = p.payment_id AND r.status NOT IN ('FAILED', 'CANCELLED')
     GROUP BY p.payment_id
    HAVING SUM(r.amount_value) > p.amount_value
     ORDER BY p.payment_id`;
  for (const p of over)
    add('overRefundedOurs', `${p.paymentId}: refunds not FAILED add up to ${p.live} of ${p.amountValue} ${p.currency}`);
  for (const p of ledger.payments) {
    if (p.heldValue > p.amountValue)
      add('overRefundedAntom', `${p.paymentId}: Antom holds ${p.heldValue} of ${p.amountValue} ${p.currency}`);
  }

  // 2. Antom applied each request at most once, and holds nothing we do not know.
  const ours = await db.$queryRaw<OurRefund[]>`
    SELECT refund_request_id AS "refundRequestId", refund_id AS "refundId", payment_id AS "paymentId",
           amount_value AS "amountValue", currency, status::text AS status, result_code AS "resultCode",
           attention_reason AS "attentionReason", next_check_at AS "nextCheckAt"
      FROM refunds ORDER BY created_at, refund_request_id`;
  const ourById = new Map(ours.map((r) => [r.refundRequestId, r]));
  const theirById = new Map(ledger.refunds.map((r) => [r.refundRequestId, r]));
  for (const r of ledger.refunds) {
    if (r.applied > 1) add('appliedTwice', `${r.refundRequestId}: applied ${r.applied} times`);
    if (!ourById.has(r.refundRequestId))
      add(
        'onlyAtAntom',
        `${r.refundRequestId} (payment ${r.paymentId}): ${r.status}, ${r.amountValue} ${r.currency}${r.accepted ? '' : ', refused'}`,
      );
  }

  // 3. Every one of ours is final, and in the state and amount Antom holds it in.
  for (const r of ours) {
    const theirs = theirById.get(r.refundRequestId);
    const atAntom = !theirs
      ? 'Antom has no such request'
      : `Antom: ${theirs.accepted ? theirs.status : `refused (${theirs.resultCode})`}, ${theirs.amountValue} ${theirs.currency}`;
    if (r.status === 'CANCELLED') {
      // Never sent (rejected, expired or cancelled before its send): Antom must not hold it.
      if (theirs?.accepted)
        add('disagree', `${r.refundRequestId} (payment ${r.paymentId}): CANCELLED here, never sent; ${atAntom}`);
      continue;
    }
    if (r.status !== 'SUCCESS' && r.status !== 'FAILED') {
      const why = r.attentionReason ? `; attention: ${r.attentionReason}` : '';
      const next = r.nextCheckAt ? `next check ${r.nextCheckAt.toISOString()}` : 'no further check scheduled';
      add(
        'notFinal',
        `${r.refundRequestId} (payment ${r.paymentId}): ${r.status} ${r.resultCode ?? ''}, ${next}; ${atAntom}${why}`,
      );
      continue;
    }
    const accepted = theirs?.accepted ? theirs : undefined;
    const problem =
      r.status === 'SUCCESS'
        ? !accepted || accepted.status !== 'SUCCESS'
          ? 'SUCCESS here'
          : accepted.amountValue !== r.amountValue || accepted.currency !== r.currency
            ? `SUCCESS for ${r.amountValue} ${r.currency} here`
            : null
        : accepted && accepted.status !== 'FAILED'
          ? 'FAILED here'
          : null;
    const otherId = accepted && r.refundId && accepted.refundId !== r.refundId;
    if (problem || otherId)
      add(
        'disagree',
        `${r.refundRequestId} (payment ${r.paymentId}): ${problem ?? `${r.status} here`} (${r.resultCode ?? 'no code'}) with refundId ${r.refundId ?? '-'}; ${atAntom}${accepted ? ` (refundId ${accepted.refundId})` : ''}`,
      );
  }
  await withCallHistory(db, out);

  // 4. Every held amount is the sum of its live refunds: ours in SQL, and ours against Antom's.
  const payments = await db.$queryRaw<OurPayment[]>`
    SELECT p.payment_id AS "paymentId", p.amount_value AS "amountValue", p.refund_held_value AS "heldValue",
           p.refunded_value AS "refundedValue",
           COALESCE(SUM(r.amount_value) FILTER (WHERE r.status NOT IN ('FAILED', 'CANCELLED')), 0)::int AS "liveValue",
           COALESCE(SUM(r.amount_value) FILTER (WHERE r.status = 'SUCCESS'), 0)::int AS "successValue"
      FROM payments p LEFT JOIN refunds r ON r.payment_id = p.payment_id
     GROUP BY p.payment_id ORDER BY p.payment_id`;
  const theirPayments = new Map(ledger.payments.map((p) => [p.paymentId, p]));
  for (const p of payments) {
    const theirs = theirPayments.get(p.paymentId);
    const problems: string[] = [];
    if (p.heldValue !== p.liveValue) problems.push(`held ${p.heldValue}, live refunds ${p.liveValue}`);
    if (p.refundedValue !== p.successValue)
      problems.push(`refunded ${p.refundedValue}, successful refunds ${p.successValue}`);
    if (!theirs) problems.push('Antom does not know the payment');
    else {
      if (theirs.heldValue !== p.heldValue) problems.push(`held ${p.heldValue} here, ${theirs.heldValue} at Antom`);
      if (theirs.refundedValue !== p.refundedValue)
        problems.push(`refunded ${p.refundedValue} here, ${theirs.refundedValue} at Antom`);
    }
    if (problems.length) add('held', `${p.paymentId}: ${problems.join('; ')}`);
  }
  return out;
}

/** Each difference about one refund gets the refund's calls to Antom, in order: how it came to be. */
async function withCallHistory(db: Db, differences: Difference[]): Promise<void> {
  const idOf = (d: Difference) =>
    d.check === 'notFinal' || d.check === 'disagree' ? d.detail.split(' ', 1)[0]! : null;
  const ids = [...new Set(differences.map(idOf).filter((id): id is string => id !== null))];
  if (!ids.length) return;
  const calls = await db.$queryRaw<
    {
      refundRequestId: string;
      operation: string;
      attempt: number;
      outcome: string;
      resultCode: string | null;
      verdict: string;
      error: string | null;
    }[]
  >`
    SELECT refund_request_id AS "refundRequestId", operation::text AS operation, attempt, outcome::text AS outcome,
           result_code AS "resultCode", signature_verdict::text AS verdict, error
      FROM antom_calls WHERE refund_request_id = ANY(${ids}) ORDER BY started_at`;
  const history = new Map<string, string[]>();
  for (const c of calls) {
    const why =
      c.resultCode ??
      (c.verdict === 'INVALID' || c.verdict === 'MISSING'
        ? `signature ${c.verdict}`
        : c.error?.replace(/ \(.*\)$/, ''));
    const line = `${c.operation}#${c.attempt} ${c.outcome} ${why ?? ''}`.trim();
    history.set(c.refundRequestId, [...(history.get(c.refundRequestId) ?? []), line]);
  }
  for (const d of differences) {
    const id = idOf(d);
    if (id) d.detail += `; calls: ${(history.get(id) ?? ['none']).join(' → ')}`;
  }
}
