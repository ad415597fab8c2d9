'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

/**
 * A currency and an amount above which something applies: the step-up threshold and the approval
 * rule above an amount are the same form with their own action, ids and words.
 */
export function CurrencyAmountForm({
  action,
  id,
  kind,
  label,
  placeholder,
  submit,
}: {
  action: (
    state: ActionState<'currency' | 'amount'>,
    formData: FormData,
  ) => Promise<ActionState<'currency' | 'amount'>>;
  /** Prefix of the fields' ids, unique on the page. */
  id: string;
  /** The approval rule's kind, sent along when given. */
  kind?: string;
  /** The form's accessible name. */
  label?: string;
  placeholder: string;
  submit: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // Kept by the form: a step-up question or a refusal keeps what was typed (React resets action forms).
  const [currency, setCurrency] = useState('');
  const [amount, setAmount] = useState('');
  return (
    <form action={formAction} className="space-y-2" noValidate aria-label={label}>
      {kind && <input type="hidden" name="kind" value={kind} />}
      <div className="grid gap-4 sm:grid-cols-[8rem_12rem_auto] sm:items-start">
        <div>
          <label htmlFor={`${id}-currency`} className="block text-sm font-medium text-slate-700">
            Currency
          </label>
          <input
            id={`${id}-currency`}
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
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-slate-700">
            Refunds above
          </label>
          <input
            id={`${id}-amount`}
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            autoComplete="off"
            placeholder={placeholder}
            className={field}
          />
          <p className="mt-1 min-h-5 text-sm text-red-700">{state.errors?.amount?.[0]}</p>
        </div>
        <div className="sm:pt-6">
          <SubmitButton pending={pending} busy="Saving…" look="secondary">
            {submit}
          </SubmitButton>
        </div>
      </div>
      <StepUpField state={state} id={`${id}-step-up`} />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600">
        {state.stepUp || state.errors ? '' : state.message}
      </p>
    </form>
  );
}
