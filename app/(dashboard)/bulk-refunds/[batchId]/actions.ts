'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/action';
import { appBulkRefunds } from '@/lib/bulk-refunds/app';

const batchSchema = z.object({ batchId: z.uuid() });

/** Confirms a dry-run batch: always with a fresh step-up code (a person with a second factor). */
export const confirmBatchAction = authorizedAction(
  'confirmBatch',
  'refund',
  batchSchema,
  async (input, user, { stepUp }) => {
    await stepUp('Sending a batch of refunds needs a fresh code.');
    await appBulkRefunds.confirm(user, input.batchId);
    revalidatePath(`/bulk-refunds/${input.batchId}`);
    return { ok: true, message: 'Confirmed: the rows are being reserved and sent.' };
  },
);

export const pauseBatchAction = authorizedAction('pauseBatch', 'refund', batchSchema, async (input, user) => {
  await appBulkRefunds.pause(user, input.batchId);
  revalidatePath(`/bulk-refunds/${input.batchId}`);
  return { ok: true, message: 'Paused: nothing more is sent until you resume.' };
});

export const resumeBatchAction = authorizedAction('resumeBatch', 'refund', batchSchema, async (input, user) => {
  await appBulkRefunds.resume(user, input.batchId);
  revalidatePath(`/bulk-refunds/${input.batchId}`);
  return { ok: true, message: 'Resumed.' };
});

export const cancelBatchAction = authorizedAction('cancelBatch', 'refund', batchSchema, async (input, user) => {
  await appBulkRefunds.cancel(user, input.batchId);
  revalidatePath(`/bulk-refunds/${input.batchId}`);
  return { ok: true, message: 'Cancelled: rows not sent were cancelled and their amounts released.' };
});
