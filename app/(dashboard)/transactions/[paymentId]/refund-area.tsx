'use client';

import { useActionState, useState } from 'react';
import { refundPaymentAction, type RefundFormState } from './actions';
import { RefundForm, type RefundFormProps } from './refund-form';

/**
 * Holds the refund action's state above the form, so the outcome of the last refund stays on
 * screen while the page re-renders around it (the refundable amount changes; the form may give way
 * to "nothing left to refund"). Each accepted refund starts a fresh form, which carries the fresh
 * idempotency key the server rendered.
 */
// The outcome's colour says how it ended: refunded, still moving, unknown, or failed.
const TONES: Record<string, string> = {
  SUCCESS: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  PROCESSING: 'border-blue-200 bg-blue-50 text-blue-900',
  CREATED: 'border-blue-200 bg-blue-50 text-blue-900',
  UNKNOWN: 'border-amber-300 bg-amber-50 text-amber-950',
  FAILED: 'border-red-200 bg-red-50 text-red-900',
};

export function RefundArea({ blockedReason, form }: { blockedReason: string | null; form: RefundFormProps }) {
  const [state, action, pending] = useActionState<RefundFormState, FormData>(refundPaymentAction, {});
  // A fresh form for each accepted refund only: a refusal or a step-up question after one keeps the
  // form as it is (its confirmation, what was typed).
  const [formKey, setFormKey] = useState('first');
  if (state.ok && state.refundRequestId && state.refundRequestId !== formKey) setFormKey(state.refundRequestId);
  return (
    <div className="space-y-4">
      {state.ok && (
        <div
          role="status"
          aria-live="polite"
          className={`rounded-lg border p-3 text-sm ${TONES[state.status ?? 'SUCCESS']}`}
        >
          <p className="font-medium">{state.message}</p>
          <p className="mt-1">It is listed under Refunds with its status.</p>
        </div>
      )}
      {blockedReason ? (
        <p className="text-sm text-slate-700" data-testid="refund-blocked">
          {blockedReason}
        </p>
      ) : (
        <RefundForm key={formKey} {...form} state={state.ok ? {} : state} action={action} pending={pending} />
      )}
    </div>
  );
}
