'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import { clientIp } from '@/lib/auth/client-ip';
import { lookupWords, type LookupTone } from '@/lib/payments/lookup-words';
import { lookUpPayment } from '@/lib/refunds';
import { appEngineDeps } from '@/lib/refunds/app-deps';

const lookUpPaymentSchema = z.object({ id: z.string().trim().min(1, 'Enter an id.').max(200) });

export type LookUpState = ActionState<'id'> & {
  title?: string;
  tone?: LookupTone;
  /** The payment a conflicting answer named: the panel links to the one the dashboard holds. */
  paymentId?: string;
};

/**
 * "Look it up at Antom" on an empty search: asks Antom (the front door authorizes, limits and
 * audits), then opens the payment's page when Antom knew it (the page says it was imported, and
 * whether it can be refunded) or it was here already; every other outcome changed nothing and is
 * told in place.
 */
export const lookUpPaymentAction = authorizedAction(
  'lookUpPayment',
  'refund',
  lookUpPaymentSchema,
  async (input, user): Promise<LookUpState> => {
    const deps = appEngineDeps();
    const { outcome } = await lookUpPayment(deps, user, { id: input.id, ip: clientIp(await headers()) });
    if (outcome.kind === 'IMPORTED') {
      revalidatePath('/transactions');
      redirect(`/transactions/${encodeURIComponent(outcome.paymentId)}?imported=1`);
    }
    if (outcome.kind === 'HELD') redirect(`/transactions/${encodeURIComponent(outcome.paymentId)}`);
    const words = lookupWords(input.id, outcome, new URL(deps.antom.config.gatewayUrl).host);
    return {
      title: words.title,
      message: words.text,
      tone: words.tone,
      paymentId: outcome.kind === 'CONFLICT' ? outcome.paymentId : undefined,
    };
  },
);
