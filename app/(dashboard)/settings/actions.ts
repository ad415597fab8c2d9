'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { setStepUpThreshold, ThresholdRefused } from '@/lib/auth/step-up-thresholds';
import { formatMoney } from '@/lib/money';
import { setTwoFactorPolicy } from '@/lib/users/two-factor';

const checked = z.enum(['on']).optional();

/** Which roles must sign in with a second factor (an admin action: step-up applies). */
export const saveTwoFactorPolicyAction = authorizedAction(
  'setTwoFactorPolicy',
  'manageSettings',
  z.object({ ADMIN: checked, REFUNDER: checked, VIEWER: checked, APPROVER: checked }),
  async (input, admin) => {
    const changed = await setTwoFactorPolicy(admin, {
      ADMIN: input.ADMIN === 'on',
      REFUNDER: input.REFUNDER === 'on',
      VIEWER: input.VIEWER === 'on',
      APPROVER: input.APPROVER === 'on',
    });
    revalidatePath('/settings');
    return {
      ok: true,
      message: changed.length
        ? `Saved: ${changed.map((r) => ROLE_LABELS[r]).join(', ')} changed. It applies at each person's next request.`
        : 'Saved: nothing changed.',
    };
  },
);

export type ThresholdState = ActionState<'currency' | 'amount'>;

/** A currency's step-up threshold for refunds, set or removed (an admin action: step-up applies). */
export const saveStepUpThresholdAction = authorizedAction(
  'setStepUpThreshold',
  'manageSettings',
  z.object({
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'A three-letter ISO 4217 code, like USD.'),
    amount: z.string().trim().max(32).optional(),
    remove: z.enum(['yes']).optional(),
  }),
  async (input, admin): Promise<ThresholdState> => {
    if (!input.remove && !input.amount)
      return { errors: { amount: ['Enter an amount.'] }, message: 'Enter an amount.' };
    try {
      const threshold = await setStepUpThreshold(admin, input.currency, input.remove ? null : input.amount!);
      revalidatePath('/settings');
      return {
        ok: true,
        message: threshold
          ? `Refunds above ${formatMoney(threshold)} now ask for a fresh code.`
          : `Refunds in ${input.currency} no longer ask for a fresh code.`,
      };
    } catch (error) {
      if (error instanceof ThresholdRefused) return { errors: { amount: [error.message] }, message: error.message };
      throw error;
    }
  },
);
