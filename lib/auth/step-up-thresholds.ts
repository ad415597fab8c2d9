// The admin's step-up thresholds: per currency, a refund above the amount asks a person with a
// second factor for a fresh code (lib/auth/step-up.ts). Stored in step_up_thresholds, each change
// audited. A currency without one asks no code for refunds (admin actions always ask).
import { writeAudit } from '../audit/log';
import { prisma as db } from '../db';
import { UserFacingError } from '../errors';
import { formatMoney, isCurrencyCode, parseMajor, type Money } from '../money';
import { authorize, type Actor } from './roles';

export interface StepUpThreshold extends Money {
  updatedAt: Date;
}

export async function stepUpThresholds(admin: Actor): Promise<StepUpThreshold[]> {
  authorize(admin, 'manageSettings');
  const rows = await db.stepUpThreshold.findMany({ orderBy: { currency: 'asc' } });
  return rows.map((r) => ({ value: r.amountValue, currency: r.currency, updatedAt: r.updatedAt }));
}

/** The threshold for a refund in this currency, or null when refunds in it ask no code. */
export async function stepUpThresholdFor(currency: string): Promise<Money | null> {
  const row = await db.stepUpThreshold.findUnique({ where: { currency } });
  return row ? { value: row.amountValue, currency } : null;
}

/** Whether a refund of this amount asks for a fresh code: strictly above the threshold. */
export function aboveThreshold(amount: Money, threshold: Money | null): boolean {
  return !!threshold && threshold.currency === amount.currency && amount.value > threshold.value;
}

export class ThresholdRefused extends UserFacingError {}

/**
 * Sets the threshold for a currency from the amount as typed in its major units ("500.00"), or
 * removes it (`amountText` null). Returns the new threshold, or null when removed.
 */
export async function setStepUpThreshold(
  admin: Actor,
  currencyText: string,
  amountText: string | null,
): Promise<Money | null> {
  authorize(admin, 'manageSettings');
  const currency = currencyText.trim().toUpperCase();
  if (!isCurrencyCode(currency)) throw new ThresholdRefused(`${currencyText} is not an ISO 4217 currency code.`);
  const before = await stepUpThresholdFor(currency);
  if (amountText === null) {
    if (!before) return null;
    await db.$transaction(async (tx) => {
      await tx.stepUpThreshold.delete({ where: { currency } });
      await writeAudit(tx, {
        actorType: 'USER',
        actorId: admin.id,
        action: 'settings.step_up_threshold_removed',
        details: { currency, was: before.value },
      });
    });
    return null;
  }
  const parsed = parseMajor(amountText, currency);
  if (!parsed.ok) throw new ThresholdRefused(parsed.error);
  const threshold = { value: parsed.value, currency };
  if (before?.value === threshold.value) return threshold;
  await db.$transaction(async (tx) => {
    await tx.stepUpThreshold.upsert({
      where: { currency },
      create: { currency, amountValue: threshold.value, updatedById: admin.id },
      update: { amountValue: threshold.value, updatedById: admin.id, updatedAt: new Date() },
    });
    await writeAudit(tx, {
      actorType: 'USER',
      actorId: admin.id,
      action: 'settings.step_up_threshold_set',
      details: { currency, amountValue: threshold.value, was: before?.value ?? null, shown: formatMoney(threshold) },
    });
  });
  return threshold;
}
