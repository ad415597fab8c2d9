'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { SubmitButton } from '@/components/submit-button';
import { IN_FLIGHT_STATUSES, type RefundStatus } from '@/lib/refunds/states';
import { checkRefundStatusAction, retryRefundAction } from './actions';

/** The buttons for a refund's suggested next step: check status now; resend with the same id. */
export function RefundActions({
  paymentId,
  refundRequestId,
  status,
}: {
  paymentId: string;
  refundRequestId: string;
  status: string;
}) {
  const [checkState, check, checking] = useActionState<ActionState, FormData>(checkRefundStatusAction, {});
  const [retryState, retry, retrying] = useActionState<ActionState, FormData>(retryRefundAction, {});
  // Only a refund sent (or about to be) has anything to ask Antom: not one waiting for approval, nor a final one.
  if (!IN_FLIGHT_STATUSES.includes(status as RefundStatus)) return null;
  const message = retryState.message ?? checkState.message;
  // Each button is a form of its own naming the refund (the action checks it belongs to the payment).
  const refundForm = (action: (data: FormData) => void, pending: boolean, busy: string, label: string) => (
    <form action={action}>
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name="refundRequestId" value={refundRequestId} />
      <SubmitButton pending={pending} busy={busy} look="secondary" disabled={checking || retrying}>
        {label}
      </SubmitButton>
    </form>
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {refundForm(check, checking, 'Checking…', 'Check status now')}
      {status === 'UNKNOWN' && refundForm(retry, retrying, 'Sending…', 'Retry with the same request id')}
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {message}
      </span>
    </div>
  );
}
