'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { formatMoney } from '@/lib/money';
import { REFUND_STATUS_WORDS, type RefundStatus } from '@/lib/refunds/states';
import type { RefundFormState } from './actions';
import { RefundForm, type RefundFormProps } from './refund-form';

/** A refund as the page last read it: the banner words the refund's state from this, never from the moment it was asked. */
export interface CurrentRefund {
  refundRequestId: string;
  status: RefundStatus;
  amountValue: number;
  currency: string;
}

// The outcome's colour says how it stands: refunded, still moving, unknown, or failed.
const TONES: Record<RefundStatus, string> = {
  SUCCESS: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  PROCESSING: 'border-blue-200 bg-blue-50 text-blue-900',
  CREATED: 'border-blue-200 bg-blue-50 text-blue-900',
  UNKNOWN: 'border-amber-300 bg-amber-50 text-amber-950',
  FAILED: 'border-red-200 bg-red-50 text-red-900',
  PENDING_APPROVAL: 'border-violet-300 bg-violet-50 text-violet-950',
  CANCELLED: 'border-slate-300 bg-slate-50 text-slate-800',
};

/**
 * Holds the refund action's state above the form, so the outcome of the last refund stays on
 * screen while the page re-renders around it (the refundable amount changes; the form may give way
 * to "nothing left to refund"). Each accepted refund starts a fresh form, which carries the fresh
 * idempotency key the server rendered. The banner reads the refund's state from the page's current
 * rendering (`refunds`), so it follows the refund to Refunded or Failed as the page updates.
 */
export function RefundArea({
  action: refundAction,
  blockedReason,
  form,
  refunds,
}: {
  /** refundPaymentAction, given by the page: a server action passed as a prop costs no client code to call. */
  action: (state: RefundFormState, formData: FormData) => Promise<RefundFormState>;
  blockedReason: string | null;
  form: RefundFormProps;
  refunds: CurrentRefund[];
}) {
  const [state, action, pending] = useActionState(refundAction, {});
  // A fresh form for each accepted refund only: a refusal or a step-up question after one keeps the
  // form as it is (its confirmation, what was typed).
  const [formKey, setFormKey] = useState('first');
  if (state.ok && state.refundRequestId && state.refundRequestId !== formKey) setFormKey(state.refundRequestId);
  const banner = useRef<HTMLDivElement>(null);
  // After a refund is accepted, focus goes to what happened (the form it came from is gone).
  useEffect(() => {
    if (formKey !== 'first') banner.current?.focus();
  }, [formKey]);

  const current = state.ok ? refunds.find((r) => r.refundRequestId === state.refundRequestId) : undefined;
  const status = (current?.status ?? state.status) as RefundStatus | undefined;
  return (
    <div className="space-y-4">
      {state.ok && status && (
        <div
          ref={banner}
          tabIndex={-1}
          role="status"
          aria-live="polite"
          data-testid="refund-banner"
          data-status={status}
          className={`rounded-lg border p-3 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${TONES[status]}`}
        >
          {current ? (
            <p className="font-medium">
              Refund {formatMoney({ value: current.amountValue, currency: current.currency })} —{' '}
              {REFUND_STATUS_WORDS[status].headline}. {REFUND_STATUS_WORDS[status].next}
            </p>
          ) : (
            <p className="font-medium">{state.message}</p>
          )}
          <p className="mt-1">It is listed under Refunds with what to do next.</p>
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
