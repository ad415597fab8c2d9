// The admin's approval rules (issue 16): which refunds wait for a second person. Three kinds: refunds
// in a currency above an amount, every refund, every refund asked by a given person.
//
// A rule is never edited in place: a change closes the version in force (valid_to) and writes the
// next version of the same rule, in one transaction with its audit entry. So a refund names the exact
// version that held it, the history says who changed what when, and a change applies to refunds asked
// after it (lib/approvals/needed.ts reads only the versions in force). Partial unique indexes keep one
// rule in force per currency, per person, and one "every refund" (two admins saving at once: one wins).
import { randomUUID } from 'node:crypto';
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { Prisma, type Db } from '../db/client';
import { UserFacingError } from '../errors';
import { isCurrencyCode, parseMajor } from '../money';
import { ruleWords, type ApprovalRuleKind } from './needed';

export class RuleRefused extends UserFacingError {
  override name = 'RuleRefused';
  constructor(
    readonly field: 'kind' | 'currency' | 'amount' | 'person' | 'rule',
    message: string,
  ) {
    super(message);
  }
}

export interface ApprovalRuleView {
  ruleId: string;
  version: number;
  kind: ApprovalRuleKind;
  currency: string | null;
  amountValue: number | null;
  userId: string | null;
  userName: string | null;
  /** The rule in words: "Refunds above $1,000.00". */
  words: string;
  validFrom: Date;
  validTo: Date | null;
  changedByName: string | null;
}

const VIEW_SELECT = {
  ruleId: true,
  version: true,
  kind: true,
  currency: true,
  amountValue: true,
  userId: true,
  validFrom: true,
  validTo: true,
  changedById: true,
  user: { select: { name: true } },
} as const;

async function toViews(
  db: Db,
  rows: Prisma.ApprovalRuleGetPayload<{ select: typeof VIEW_SELECT }>[],
): Promise<ApprovalRuleView[]> {
  const changers = [...new Set(rows.map((r) => r.changedById).filter((id): id is string => !!id))];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: changers } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return rows.map((r) => {
    const userName = r.user?.name ?? null;
    return {
      ruleId: r.ruleId,
      version: r.version,
      kind: r.kind,
      currency: r.currency,
      amountValue: r.amountValue,
      userId: r.userId,
      userName,
      words: ruleWords({ ...r, userName }),
      validFrom: r.validFrom,
      validTo: r.validTo,
      changedByName: r.changedById ? (names.get(r.changedById) ?? null) : null,
    };
  });
}

const KIND_ORDER: Record<ApprovalRuleKind, number> = { EVERY_REFUND: 0, AMOUNT_ABOVE: 1, REQUESTER: 2 };

/** The rules in force, "every refund" first, then by currency, then by person. */
export async function approvalRulesInForce(db: Db, admin: Actor): Promise<ApprovalRuleView[]> {
  authorize(admin, 'manageSettings');
  const rows = await db.approvalRule.findMany({ where: { validTo: null }, select: VIEW_SELECT });
  const views = await toViews(db, rows);
  return views.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.currency ?? '').localeCompare(b.currency ?? '') ||
      (a.userName ?? '').localeCompare(b.userName ?? ''),
  );
}

/** Every version of every rule, newest change first (the settings page's history). */
export async function approvalRuleHistory(db: Db, admin: Actor, limit = 30): Promise<ApprovalRuleView[]> {
  authorize(admin, 'manageSettings');
  const rows = await db.approvalRule.findMany({
    select: VIEW_SELECT,
    orderBy: [{ validFrom: 'desc' }, { version: 'desc' }],
    take: limit,
  });
  return toViews(db, rows);
}

export type RuleInput =
  | { kind: 'AMOUNT_ABOVE'; currency: string; amountText: string }
  | { kind: 'EVERY_REFUND' }
  | { kind: 'REQUESTER'; email: string };

/** What a new version of a rule holds, checked: the currency and amount parsed, the person found. */
async function ruleFields(db: Db, input: RuleInput) {
  switch (input.kind) {
    case 'AMOUNT_ABOVE': {
      const currency = input.currency.trim().toUpperCase();
      if (!isCurrencyCode(currency))
        throw new RuleRefused('currency', `${input.currency || 'That'} is not an ISO 4217 currency code.`);
      const amount = parseMajor(input.amountText, currency);
      if (!amount.ok) throw new RuleRefused('amount', amount.error);
      return { kind: input.kind, currency, amountValue: amount.value, userId: null };
    }
    case 'EVERY_REFUND':
      return { kind: input.kind, currency: null, amountValue: null, userId: null };
    case 'REQUESTER': {
      const person = await db.user.findUnique({
        where: { email: input.email.trim().toLowerCase() },
        select: { id: true, role: true },
      });
      if (!person) throw new RuleRefused('person', 'No one with that email signs in here.');
      return { kind: input.kind, currency: null, amountValue: null, userId: person.id };
    }
  }
}

/**
 * Sets a rule: a new rule (version 1), or the next version of the one in force for the same subject
 * (the currency's amount changed). Saving what is already in force changes nothing. Returns the
 * version in force afterwards and whether this call wrote it.
 */
export async function setApprovalRule(
  db: Db,
  admin: Actor,
  input: RuleInput,
): Promise<{ rule: ApprovalRuleView; changed: boolean }> {
  authorize(admin, 'manageSettings');
  const fields = await ruleFields(db, input);
  const subject: Prisma.ApprovalRuleWhereInput = {
    validTo: null,
    kind: fields.kind,
    ...(fields.kind === 'AMOUNT_ABOVE' ? { currency: fields.currency } : {}),
    ...(fields.kind === 'REQUESTER' ? { userId: fields.userId } : {}),
  };
  try {
    const { row, changed } = await db.$transaction(async (tx) => {
      const current = await tx.approvalRule.findFirst({ where: subject });
      if (current && current.amountValue === fields.amountValue) return { row: current, changed: false };
      const now = new Date();
      if (current) await tx.approvalRule.update({ where: { id: current.id }, data: { validTo: now } });
      const row = await tx.approvalRule.create({
        data: {
          ruleId: current?.ruleId ?? randomUUID(),
          version: (current?.version ?? 0) + 1,
          ...fields,
          validFrom: now,
          changedById: admin.id,
        },
      });
      await writeAudit(tx, {
        actorType: 'USER',
        actorId: admin.id,
        action: 'approval_rule.set',
        details: {
          ruleId: row.ruleId,
          version: row.version,
          kind: row.kind,
          currency: row.currency,
          amountValue: row.amountValue,
          userId: row.userId,
          was: current ? { version: current.version, amountValue: current.amountValue } : null,
        },
      });
      return { row, changed: true };
    });
    const [rule] = await toViews(db, [
      await db.approvalRule.findUniqueOrThrow({ where: { id: row.id }, select: VIEW_SELECT }),
    ]);
    return { rule: rule!, changed };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new RuleRefused('rule', 'Someone changed this rule at the same moment. Reload the page and check it.');
    throw error;
  }
}

/** Removes a rule (closes its version in force). Refunds already waiting keep waiting. False when it was not in force. */
export async function removeApprovalRule(db: Db, admin: Actor, ruleId: string): Promise<boolean> {
  authorize(admin, 'manageSettings');
  return db.$transaction(async (tx) => {
    const closed = await tx.approvalRule.updateManyAndReturn({
      where: { ruleId, validTo: null },
      data: { validTo: new Date() },
    });
    const row = closed[0];
    if (!row) return false;
    await writeAudit(tx, {
      actorType: 'USER',
      actorId: admin.id,
      action: 'approval_rule.removed',
      details: {
        ruleId,
        version: row.version,
        kind: row.kind,
        currency: row.currency,
        amountValue: row.amountValue,
        userId: row.userId,
      },
    });
    return true;
  });
}
