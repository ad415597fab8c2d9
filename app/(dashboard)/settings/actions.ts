'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/action';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { setTwoFactorPolicy } from '@/lib/users/two-factor';

const checked = z.enum(['on']).optional();

/** Which roles must sign in with a second factor (an admin action: step-up applies). */
export const saveTwoFactorPolicyAction = authorizedAction(
  'setTwoFactorPolicy',
  'manageSettings',
  z.object({ ADMIN: checked, REFUNDER: checked, VIEWER: checked }),
  async (input, admin) => {
    const changed = await setTwoFactorPolicy(admin, {
      ADMIN: input.ADMIN === 'on',
      REFUNDER: input.REFUNDER === 'on',
      VIEWER: input.VIEWER === 'on',
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
