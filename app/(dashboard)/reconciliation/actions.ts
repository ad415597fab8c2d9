'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/action';
import { appReports } from '@/lib/reports/app';

export const explainDifferenceAction = authorizedAction(
  'explainDifference',
  'explainDifferences',
  z.object({
    id: z.uuid(),
    note: z.string().trim().min(3, 'Write why this difference is explained.').max(1000, 'At most 1000 characters.'),
  }),
  async (input, user) => {
    await appReports.explainDifference(user, input);
    revalidatePath('/reconciliation');
    revalidatePath(`/reconciliation/differences/${input.id}`);
    return { ok: true, message: 'Marked explained. It has left the open list.' };
  },
);
