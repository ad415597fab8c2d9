'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';
import { approveRefundAction, rejectRefundAction, type RejectState } from './actions';

/** Approve (with a fresh code when asked) or reject with a reason: the two decisions on one waiting refund. */
export function DecisionForms({ refundRequestId, label }: { refundRequestId: string; label: string }) {
  const [approveState, approve, approving] = useActionState<ActionState, FormData>(approveRefundAction, {});
  const [rejectState, reject, rejecting] = useActionState<RejectState, FormData>(rejectRefundAction, {});
  const [rejectOpen, setRejectOpen] = useState(false);
  // Kept by the form: a refusal keeps what was typed (React resets action forms).
  const [reason, setReason] = useState('');
  const busy = approving || rejecting;
  const id = refundRequestId.toLowerCase();
  // A decision that goes through leads to the queue again, which says what became of the refund.
  return (
    <div className="space-y-3">
      <form action={approve} className="space-y-2">
        <input type="hidden" name="refundRequestId" value={refundRequestId} />
        <StepUpField state={approveState} id={`approve-${id}-code`} compact />
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="submit"
            disabled={busy}
            aria-label={`Approve ${label}`}
            className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 focus-visible:ring-2 focus-visible:ring-emerald-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
          >
            {approving ? 'Approving…' : approveState.stepUp ? 'Confirm and approve' : 'Approve and send'}
          </button>
          {!rejectOpen && (
            <button
              type="button"
              disabled={busy}
              onClick={() => setRejectOpen(true)}
              aria-label={`Reject ${label}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60"
            >
              Reject…
            </button>
          )}
        </div>
        {!approveState.stepUp && approveState.message && (
          <p role="alert" className="text-sm text-red-700">
            {approveState.message}
          </p>
        )}
      </form>
      {rejectOpen && (
        <form action={reject} className="space-y-2" noValidate>
          <input type="hidden" name="refundRequestId" value={refundRequestId} />
          <label htmlFor={`reject-${id}-reason`} className="block text-sm font-medium text-slate-700">
            Why is it rejected? The requester reads this.
          </label>
          <textarea
            id={`reject-${id}-reason`}
            name="reason"
            rows={2}
            maxLength={256}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none"
          />
          {(rejectState.errors?.reason?.[0] ?? rejectState.message) && (
            <p role="alert" className="text-sm text-red-700">
              {rejectState.errors?.reason?.[0] ?? rejectState.message}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={rejecting} busy="Rejecting…" look="secondary" disabled={approving}>
              Reject refund
            </SubmitButton>
            <button
              type="button"
              onClick={() => setRejectOpen(false)}
              className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
            >
              Keep waiting
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
