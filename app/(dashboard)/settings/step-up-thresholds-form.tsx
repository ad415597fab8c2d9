'use client';

import { useActionState, useState } from 'react';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { saveStepUpThresholdAction, type ThresholdState } from './actions';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

/** Sets (or changes) one currency's threshold. */
export function StepUpThresholdForm() {
  const [state, action, pending] = useActionState<ThresholdState, FormData>(saveStepUpThresholdAction, {});
  // Kept by the form: a step-up question or a refusal keeps what was typed (React resets action forms).
  const [currency, setCurrency] = useState('');
  const [amount, setAmount] = useState('');
  return (
    <form action={action} className="space-y-3" noValidate>
      <div className="grid gap-4 sm:grid-cols-[8rem_12rem_auto] sm:items-start">
        <div>
          <label htmlFor="threshold-currency" className="block text-sm font-medium text-slate-700">
            Currency
          </label>
          <input
            id="threshold-currency"
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
          <label htmlFor="threshold-amount" className="block text-sm font-medium text-slate-700">
            Refunds above
          </label>
          <input
            id="threshold-amount"
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            autoComplete="off"
            placeholder="500.00"
            className={field}
          />
          <p className="mt-1 min-h-5 text-sm text-red-700">{state.errors?.amount?.[0]}</p>
        </div>
        <div className="sm:pt-6">
          <SubmitButton pending={pending} busy="Saving…" look="secondary">
            Set threshold
          </SubmitButton>
        </div>
      </div>
      <StepUpField state={state} id="threshold-step-up" />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-600">
        {state.stepUp || state.errors ? '' : state.message}
      </p>
    </form>
  );
}

/** Removes one currency's threshold: its refunds then ask no code. */
export function RemoveThresholdButton({ currency }: { currency: string }) {
  const [state, action, pending] = useActionState<ThresholdState, FormData>(saveStepUpThresholdAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="currency" value={currency} />
      <input type="hidden" name="remove" value="yes" />
      <StepUpField state={state} id={`remove-${currency}-step-up`} compact />
      <SubmitButton pending={pending} busy="Removing…" look="secondary">
        Remove
      </SubmitButton>
      {!state.stepUp && state.message && <span className="text-sm text-slate-600">{state.message}</span>}
    </form>
  );
}
