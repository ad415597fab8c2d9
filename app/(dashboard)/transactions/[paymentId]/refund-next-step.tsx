'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { CopyButton } from '@/components/copy-button';
import { SubmitButton } from '@/components/submit-button';
import type { RefundNextAction } from '@/lib/format/result-code';

export interface NextStepRefund {
  refundRequestId: string;
  refundId: string | null;
  paymentId: string;
  /** When the refund was asked for, as an ISO instant in UTC: what Antom support asks for. */
  createdAt: string;
  status: string;
}

/**
 * One refund's next step in the dashboard's words, with the buttons that do it right beside them:
 * "Check status now", "Retry with the same request id", "Refund again" (to the form above), and
 * "Contact Antom with these ids" (each id with its copy button). People who may not refund read the
 * words and the ids, without the buttons.
 */
export function RefundNextStep({
  refund,
  text,
  actions,
  canAct,
  check: checkAction,
  retry: retryAction,
}: {
  refund: NextStepRefund;
  text: string;
  /**
   * The next steps offered, each with its words (NEXT_ACTION_LABELS, given by the server: the module
   * that has them also has Antom's result codes, which would all come to the browser).
   */
  actions: Partial<Record<RefundNextAction, string>>;
  canAct: boolean;
  /** checkRefundStatusAction and retryRefundAction, given by the page (as props they cost no client code to call). */
  check: (state: ActionState, formData: FormData) => Promise<ActionState>;
  retry: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [checkState, check, checking] = useActionState(checkAction, {});
  const [retryState, retry, retrying] = useActionState(retryAction, {});
  const message = retryState.message ?? checkState.message;
  // Each button is a form of its own naming the refund (the action checks it belongs to the payment).
  const refundForm = (action: (data: FormData) => void, pending: boolean, busy: string, label: string) => (
    <form action={action}>
      <input type="hidden" name="paymentId" value={refund.paymentId} />
      <input type="hidden" name="refundRequestId" value={refund.refundRequestId} />
      <SubmitButton pending={pending} busy={busy} look="secondary" disabled={checking || retrying}>
        {label}
      </SubmitButton>
    </form>
  );
  const ids: [string, string | null][] = [
    ['refundRequestId', refund.refundRequestId],
    ['refundId', refund.refundId],
    ['paymentId', refund.paymentId],
    ['Time (UTC)', refund.createdAt],
  ];
  const allIds = ids
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return (
    <div className="mt-1 space-y-2" data-testid="refund-next-step">
      <p className="text-slate-800">
        <span className="font-medium">Next: </span>
        {text}
      </p>
      {canAct && (actions.CHECK_STATUS || actions.RETRY_SAME_ID || actions.REFUND_AGAIN) && (
        <div className="flex flex-wrap items-center gap-2">
          {actions.CHECK_STATUS && refundForm(check, checking, 'Checking…', actions.CHECK_STATUS)}
          {actions.RETRY_SAME_ID && refundForm(retry, retrying, 'Sending…', actions.RETRY_SAME_ID)}
          {actions.REFUND_AGAIN && (
            <a
              href="#refund-panel-heading"
              onClick={(e) => {
                // The refund form is on this page: take the person to its first field.
                const field = document.querySelector<HTMLElement>('#refund-form input, #refund-form button');
                if (!field) return; // nothing left to refund: the link shows the panel's reason
                e.preventDefault();
                field.scrollIntoView({ block: 'center' });
                field.focus();
              }}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
            >
              {actions.REFUND_AGAIN}
            </a>
          )}
          <span role="status" aria-live="polite" className="text-sm text-slate-600">
            {message}
          </span>
        </div>
      )}
      {actions.CONTACT_ANTOM && (
        <details className="rounded-md border border-slate-200 bg-white px-3 py-2">
          <summary className="cursor-pointer text-sm font-medium text-slate-800">{actions.CONTACT_ANTOM}</summary>
          <p className="mt-1 text-xs text-slate-600">
            Antom support (Antom Dashboard → Help, or your account manager) finds the refund by these.
          </p>
          <dl className="mt-2 space-y-1 text-sm">
            {ids.map(([label, value]) => (
              <div key={label} className="flex flex-wrap items-center gap-x-2">
                <dt className="w-32 shrink-0 text-slate-500">{label}</dt>
                <dd className="flex min-w-0 flex-wrap items-center gap-2">
                  {value ? (
                    <>
                      <code className="font-mono text-[13px] break-all text-slate-800">{value}</code>
                      <CopyButton value={value} label={label} />
                    </>
                  ) : (
                    <span className="text-slate-500">Not given by Antom yet</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-2">
            <CopyButton value={allIds} label="all these ids" />
          </div>
        </details>
      )}
    </div>
  );
}
