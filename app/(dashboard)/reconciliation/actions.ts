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

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.');

export const reconcileAgainAction = authorizedAction(
  'reconcileRange',
  'importReports',
  z
    .object({ from: day, to: day })
    .refine((r) => r.from <= r.to, { message: 'From must not be after To.', path: ['from'] }),
  async (input, user) => {
    const result = await appReports.reconcileRange(user, input);
    revalidatePath('/reconciliation');
    return {
      ok: true,
      message: `Reconciled ${input.from} to ${input.to}: ${result.found} differences, ${result.added} new, ${result.resolved} no longer found.`,
    };
  },
);
