'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { removeApprovalRule, RuleRefused, setApprovalRule, type RuleInput } from '@/lib/approvals';
import { authorizedAction, type ActionState } from '@/lib/auth/action';

export type ApprovalRuleState = ActionState<'currency' | 'amount' | 'email'>;

/** Sets an approval rule (an admin action: step-up applies). A change applies to refunds asked after it. */
export const saveApprovalRuleAction = authorizedAction(
  'setApprovalRule',
  'manageSettings',
  z.object({
    kind: z.enum(['AMOUNT_ABOVE', 'EVERY_REFUND', 'REQUESTER']),
    currency: z.string().trim().max(8).optional(),
    amount: z.string().trim().max(32).optional(),
    email: z.string().trim().max(320).optional(),
  }),
  async (input, admin): Promise<ApprovalRuleState> => {
    let rule: RuleInput;
    if (input.kind === 'AMOUNT_ABOVE') {
      if (!input.amount) return { errors: { amount: ['Enter an amount.'] }, message: 'Enter an amount.' };
      rule = { kind: 'AMOUNT_ABOVE', currency: input.currency ?? '', amountText: input.amount };
    } else if (input.kind === 'REQUESTER') {
      if (!input.email) return { errors: { email: ['Enter their email.'] }, message: 'Enter their email.' };
      rule = { kind: 'REQUESTER', email: input.email };
    } else rule = { kind: 'EVERY_REFUND' };
    try {
      const { rule: saved, changed } = await setApprovalRule(admin, rule);
      revalidatePath('/settings');
      return {
        ok: true,
        message: changed
          ? `Saved (version ${saved.version}): ${saved.words} need approval, from refunds asked now on.`
          : `Nothing changed: ${saved.words} already need approval.`,
      };
    } catch (error) {
      if (error instanceof RuleRefused) {
        const field = error.field === 'person' ? 'email' : error.field;
        return field === 'currency' || field === 'amount' || field === 'email'
          ? { errors: { [field]: [error.message] }, message: error.message }
          : { message: error.message };
      }
      throw error;
    }
  },
);

/** Removes an approval rule: refunds asked after it are not held by it; those already waiting still wait. */
export const removeApprovalRuleAction = authorizedAction(
  'removeApprovalRule',
  'manageSettings',
  z.object({ ruleId: z.uuid() }),
  async (input, admin): Promise<ActionState> => {
    const removed = await removeApprovalRule(admin, input.ruleId);
    revalidatePath('/settings');
    return { ok: true, message: removed ? 'Removed.' : 'It was already removed.' };
  },
);
