'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { removeApprovalRuleAction, saveApprovalRuleAction, type ApprovalRuleState } from './approval-actions';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

function Status({ state }: { state: ActionState }) {
  return (
    <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600">
      {state.stepUp || state.errors ? '' : state.message}
    </p>
  );
}

/** Refunds in a currency above an amount: a new rule, or the next version of that currency's rule. */
export function AmountRuleForm() {
  const [state, action, pending] = useActionState<ApprovalRuleState, FormData>(saveApprovalRuleAction, {});
  const [currency, setCurrency] = useState('');
  const [amount, setAmount] = useState('');
  return (
    <form action={action} className="space-y-2" noValidate aria-label="Approval above an amount">
      <input type="hidden" name="kind" value="AMOUNT_ABOVE" />
      <div className="grid gap-4 sm:grid-cols-[8rem_12rem_auto] sm:items-start">
        <div>
          <label htmlFor="approval-currency" className="block text-sm font-medium text-slate-700">
            Currency
          </label>
          <input
            id="approval-currency"
            name="currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            maxLength={3}
            autoComplete="off"
            placeholder="USD"
            className={`${field} font-mono uppercase`}
          />
          <p className="mt-1 min-h-5 text-sm text-red-700">{state.errors?.currency?.[0]}</p>
        </div>
        <div>
          <label htmlFor="approval-amount" className="block text-sm font-medium text-slate-700">
            Refunds above
          </label>
          <input
            id="approval-amount"
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            autoComplete="off"
            placeholder="1000.00"
            className={field}
          />
          <p className="mt-1 min-h-5 text-sm text-red-700">{state.errors?.amount?.[0]}</p>
        </div>
        <div className="sm:pt-6">
          <SubmitButton pending={pending} busy="Saving…" look="secondary">
            Require approval
          </SubmitButton>
        </div>
      </div>
      <StepUpField state={state} id="approval-amount-step-up" />
      <Status state={state} />
    </form>
  );
}

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
      <Status state={state} />
    </form>
  );
}

/** Every refund, whoever asks and whatever the amount. */
export function EveryRefundButton() {
  const [state, action, pending] = useActionState<ApprovalRuleState, FormData>(saveApprovalRuleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="kind" value="EVERY_REFUND" />
      <StepUpField state={state} id="approval-every-step-up" compact />
      <SubmitButton pending={pending} busy="Saving…" look="secondary">
        Require approval for every refund
      </SubmitButton>
      {!state.stepUp && state.message && <span className="text-sm text-slate-600">{state.message}</span>}
    </form>
  );
}

export function RemoveRuleButton({ ruleId, words }: { ruleId: string; words: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(removeApprovalRuleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="ruleId" value={ruleId} />
      <StepUpField state={state} id={`remove-rule-${ruleId}-step-up`} compact />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Remove: ${words}`}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? 'Removing…' : 'Remove'}
      </button>
      {!state.stepUp && state.message && <span className="text-sm text-slate-600">{state.message}</span>}
    </form>
  );
}
