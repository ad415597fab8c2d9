// Whether a refund about to be asked for must wait for a second person (issue 16, maker-checker).
//
// Reads the approval rules in force now (approval_rules rows with no valid_to): a change to a rule
// closes its version and writes the next, so this applies to refunds asked after the change, and the
// refund keeps the exact version that held it (refunds.approval_rule_id). The refund engine asks here
// for every refund it reserves (lib/refunds/initiate.ts), whoever asks: the form, a batch, a script.
import type { Db } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import { queryRows } from '../db/sql';
import { formatMoney } from '../money';

export type ApprovalRuleKind = 'AMOUNT_ABOVE' | 'EVERY_REFUND' | 'REQUESTER';

export interface ApprovalNeed {
  /** The rule across its versions. */
  ruleId: string;
  ruleVersion: number;
  /** The row of that version: what the refund names (refunds.approval_rule_id). */
  versionId: string;
  kind: ApprovalRuleKind;
  /** Why it waits, for people: the queue, the payment page, the audit log. */
  why: string;
}

export interface RefundAsked {
  currency: string;
  /** Minor units of `currency`. */
  amountMinor: number;
  requesterUserId: string | null;
}

interface RuleRow {
  id: string;
  ruleId: string;
  version: number;
  kind: ApprovalRuleKind;
  currency: string | null;
  amountValue: number | null;
  userName: string | null;
}

/** The words of a rule, as it reads on the settings page and in a waiting refund's "why". */
export function ruleWords(rule: {
  kind: ApprovalRuleKind;
  currency: string | null;
  amountValue: number | null;
  userName: string | null;
}): string {
  switch (rule.kind) {
    case 'AMOUNT_ABOVE':
      return `Refunds above ${formatMoney({ value: rule.amountValue!, currency: rule.currency! })}`;
    case 'EVERY_REFUND':
      return 'Every refund';
    case 'REQUESTER':
      return `Every refund asked by ${rule.userName ?? 'a removed user'}`;
  }
}

/**
 * The rule in force that holds this refund for approval, or null when none does. When several do,
 * the most specific names it: the person's rule, then the amount's, then "every refund".
 */
export async function approvalNeeded(db: Db, asked: RefundAsked): Promise<ApprovalNeed | null> {
  const [rule] = await queryRows<RuleRow>(
    db,
    Prisma.sql`
    SELECT a.id, a.rule_id AS "ruleId", a.version, a.kind::text AS kind, a.currency, a.amount_value AS "amountValue",
           u.name AS "userName"
      FROM approval_rules a
      LEFT JOIN users u ON u.id = a.user_id
     WHERE a.valid_to IS NULL
       AND (a.kind = 'EVERY_REFUND'
            OR (a.kind = 'AMOUNT_ABOVE' AND a.currency = ${asked.currency} AND ${asked.amountMinor}::int > a.amount_value)
            OR (a.kind = 'REQUESTER' AND a.user_id = ${asked.requesterUserId}::uuid))
     ORDER BY CASE a.kind WHEN 'REQUESTER' THEN 0 WHEN 'AMOUNT_ABOVE' THEN 1 ELSE 2 END, a.valid_from, a.id
     LIMIT 1`,
  );
  if (!rule) return null;
  return {
    ruleId: rule.ruleId,
    ruleVersion: rule.version,
    versionId: rule.id,
    kind: rule.kind,
    why: `${ruleWords(rule)} need a second person's approval (rule version ${rule.version}).`,
  };
}

/** When a refund asked at `now` stops waiting and is cancelled (REFUND_APPROVAL_EXPIRES_HOURS). */
export function approvalExpiresAt(expiresHours: number, now = new Date()): Date {
  return new Date(now.getTime() + expiresHours * 3_600_000);
}
