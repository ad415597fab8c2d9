'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import type { RefundFormState } from './actions';
import type { RefundBanner } from './refund-banner';
import { REFUND_START } from './refund-start';
import { RefundForm, type RefundFormProps } from './refund-form';

/**
 * Holds the refund action's state above the form, so the outcome of the last refund stays on
 * screen while the page re-renders around it (the refundable amount changes; the form may give way
 * to "nothing left to refund"). Each accepted refund starts a fresh form, which carries the fresh
 * idempotency key the server rendered. The banner reads the refund's state from the page's current
 * rendering (`banners`, worded and styled by the server), so it follows the refund to Refunded or Failed as the
 * page updates.
 */
export function RefundArea({
  action: refundAction,
  blockedReason,
  form,
  banners,
}: {
  /** refundPaymentAction, given by the page: a server action passed as a prop costs no client code to call. */
  action: (state: RefundFormState, formData: FormData) => Promise<RefundFormState>;
  blockedReason: string | null;
  form: RefundFormProps;
  /** Each refund of the payment as the page last read it, by refundRequestId: never as it was when asked. */
  banners: Record<string, RefundBanner>;
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

  const shown = state.ok ? (banners[state.refundRequestId ?? ''] ?? state.banner) : undefined;
  return (
    <div className="space-y-4">
      {shown && (
        <div
          ref={banner}
          tabIndex={-1}
          role="status"
          aria-live="polite"
          data-testid="refund-banner"
          data-status={shown.status}
          className={shown.looks}
        >
          <p className="font-medium">{shown.text}</p>
          <p className="mt-1">{shown.then}</p>
        </div>
      )}
      {blockedReason ? (
        <p id={REFUND_START} tabIndex={-1} className="text-sm text-slate-700" data-testid="refund-blocked">
          {blockedReason}
        </p>
      ) : (
        <RefundForm key={formKey} {...form} state={state.ok ? {} : state} action={action} pending={pending} />
      )}
    </div>
  );
}
