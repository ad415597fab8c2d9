'use client';

import { useActionState, useState } from 'react';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { saveApprovalRuleAction, type ApprovalRuleState } from './approval-actions';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

/** Every refund asked by one person. */
export function RequesterRuleForm() {
  const [state, action, pending] = useActionState<ApprovalRuleState, FormData>(saveApprovalRuleAction, {});
  const [email, setEmail] = useState('');
  return (
    <form action={action} className="space-y-2" noValidate aria-label="Approval for one person's refunds">
      <input type="hidden" name="kind" value="REQUESTER" />
      <div className="grid gap-4 sm:grid-cols-[20.5rem_auto] sm:items-start">
        <div>
          <label htmlFor="approval-email" className="block text-sm font-medium text-slate-700">
            Every refund asked by (email)
          </label>
          <input
            id="approval-email"
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="off"
            placeholder="new.starter@example.com"
            className={field}
          />
          <p className="mt-1 min-h-5 text-sm text-red-700">{state.errors?.email?.[0]}</p>
        </div>
        <div className="sm:pt-6">
          <SubmitButton pending={pending} busy="Saving…" look="secondary">
            Require approval
          </SubmitButton>
        </div>
      </div>
      <StepUpField state={state} id="approval-email-step-up" />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600">
        {state.stepUp || state.errors ? '' : state.message}
      </p>
    </form>
  );
}
