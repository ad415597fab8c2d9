'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import { approveRefund, rejectRefund } from '@/lib/refunds';
import { appEngineDeps } from '@/lib/refunds/app-deps';
import { REFUND_REQUEST_ID } from '@/lib/ids';

const refundRequestId = z.string().regex(REFUND_REQUEST_ID, 'Not a refund request id.');

/** Approves a waiting refund and sends it: a fresh code first (step-up), never the requester's own. */
export const approveRefundAction = authorizedAction(
  'approveRefund',
  'approveRefunds',
  z.object({ refundRequestId }),
  async (input, user, context): Promise<ActionState> => {
    await context.stepUp('Approving sends the refund to Antom: it cannot be pulled back.');
    const refund = await approveRefund(appEngineDeps(), user, input.refundRequestId);
    revalidatePath('/approvals');
    revalidatePath(`/transactions/${refund.paymentId}`);
    // The queue says what became of it (the item itself has left the list).
    redirect(`/approvals?decided=${refund.refundRequestId}`);
  },
);

export type RejectState = ActionState<'reason'>;

/** Rejects a waiting refund with a reason the requester reads: nothing is sent, the amount is released. */
export const rejectRefundAction = authorizedAction(
  'rejectRefund',
  'approveRefunds',
  z.object({
    refundRequestId,
    reason: z.string().trim().min(3, 'Say why (at least 3 characters): the requester reads it.').max(256),
  }),
  async (input, user): Promise<RejectState> => {
    const refund = await rejectRefund(appEngineDeps(), user, input.refundRequestId, input.reason);
    revalidatePath('/approvals');
    revalidatePath(`/transactions/${refund.paymentId}`);
    redirect(`/approvals?decided=${refund.refundRequestId}`);
  },
);
