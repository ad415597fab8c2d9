'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { reconcileAgainAction } from './actions';

// Reconciles the shown days again: our refunds move on after a report was imported (a refund Antom's
// report lacks is flagged only from T+2), so the differences are worth finding again.
export function ReconcileAgain({ from, to }: { from: string; to: string }) {
  const [state, action, pending] = useActionState<ActionState<'from' | 'to'>, FormData>(reconcileAgainAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <SubmitButton pending={pending} busy="Reconciling…" look="secondary">
        Reconcile these days again
      </SubmitButton>
      <StepUpField state={state} id="reconcile-step-up" compact />
      {state.message && !state.stepUp && (
        <p role="status" className={`text-sm ${state.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
