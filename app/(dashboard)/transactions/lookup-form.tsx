'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/submit-button';
import type { LookupTone } from '@/lib/payments/lookup-words';
import { lookUpPaymentAction, type LookUpState } from './actions';

const TONES: Record<LookupTone, string> = {
  success: 'border-emerald-300 bg-emerald-50 text-emerald-950',
  info: 'border-blue-200 bg-blue-50 text-blue-950',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  error: 'border-rose-300 bg-rose-50 text-rose-950',
};

/** The button and, after it, what Antom said: found and refundable opens the payment's page instead. */
export function LookUpForm({ id }: { id: string }) {
  const [state, action, pending] = useActionState<LookUpState, FormData>(lookUpPaymentAction, {});
  return (
    <form action={action} className="mt-4 space-y-3">
      <input type="hidden" name="id" value={id} />
      <SubmitButton pending={pending} busy="Asking Antom…">
        Look it up at Antom
      </SubmitButton>
      <div role="status" aria-live="polite">
        {state.message && !pending && (
          <div className={`rounded-md border px-4 py-3 text-left text-sm ${TONES[state.tone ?? 'error']}`}>
            {state.title && <p className="font-medium">{state.title}</p>}
            <p className={state.title ? 'mt-1' : undefined}>{state.message}</p>
            {state.paymentId && (
              <a
                href={`/transactions/${encodeURIComponent(state.paymentId)}`}
                className="mt-2 inline-block font-medium underline underline-offset-2 hover:no-underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
              >
                Open payment <span className="font-mono break-all">{state.paymentId}</span>
              </a>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
