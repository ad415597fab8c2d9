'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/submit-button';
import { StepUpField } from '@/components/step-up-field';
import { replaceRecoveryCodesAction, type EnrolState } from './actions';
import { RecoveryCodes } from './recovery-codes';

export function ReplaceCodesForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<EnrolState, FormData>(replaceRecoveryCodesAction, {});
  if (state.ok && state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} email={email} />;
  return (
    <form action={action} className="space-y-3">
      <StepUpField state={state} id="replace-codes-step-up" />
      {!state.stepUp && state.message && (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      )}
      <SubmitButton pending={pending} busy="Making codes…" look="secondary">
        Make new recovery codes
      </SubmitButton>
    </form>
  );
}
