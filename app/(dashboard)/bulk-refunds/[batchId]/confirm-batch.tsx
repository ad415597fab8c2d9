'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { confirmBatchAction } from './actions';

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

function Message({ state }: { state: ActionState }) {
  if (!state.message || state.stepUp) return null;
  return (
    <p role="status" className={`text-sm ${state.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
      {state.message}
    </p>
  );
}

/** Confirm: sends the batch. The person is asked for a code from their authenticator app first. */
export function ConfirmBatch({ batchId, rows }: { batchId: string; rows: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(confirmBatchAction as Action, {});
  return (
    <form action={action} className="space-y-3" aria-label="Confirm the batch">
      <input type="hidden" name="batchId" value={batchId} />
      <StepUpField state={state} id="confirm-step-up" />
      <div className="max-w-xs">
        <SubmitButton pending={pending} busy="Confirming…">
          Confirm and send {rows.toLocaleString('en-US')} refunds
        </SubmitButton>
      </div>
      <Message state={state} />
    </form>
  );
}
