'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from './step-up-field';

/**
 * ActionButton's client half (./action-button.tsx renders the button and the fixed fields on the
 * server): runs the action, asks for a fresh code when it wants one (step-up), and says its answer.
 * While it runs, the disabled fieldset disables the button, whose busy words are shown by CSS.
 */
export function ActionForm({
  action,
  stepUpId,
  className,
  children,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  stepUpId: string;
  className: string;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={`flex flex-wrap items-center gap-2 ${className}`}>
      <StepUpField state={state} id={stepUpId} compact />
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {!state.stepUp && state.message && (
        <span role="status" className={`text-sm ${state.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}
