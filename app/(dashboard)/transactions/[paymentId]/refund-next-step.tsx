import type { ActionState } from '@/lib/auth/action';
import { ActionButton } from '@/components/action-button';
import { CopyButton } from '@/components/copy-button';
import type { RefundNextAction } from '@/lib/format/result-code';
import { REFUND_START } from './refund-start';

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
 * words and the ids, without the buttons. Rendered on the server: its only client code is the
 * buttons' own (ActionButton, CopyButton; "Refund again" is the refund form's), which the page loads anyway.
 */
export function RefundNextStep({
  refund,
  text,
  actions,
  canAct,
  check,
  retry,
}: {
  refund: NextStepRefund;
  text: string;
  /** The next steps offered, each with its words (NEXT_ACTION_LABELS). */
  actions: Partial<Record<RefundNextAction, string>>;
  canAct: boolean;
  /** checkRefundStatusAction and retryRefundAction. */
  check: (state: ActionState, formData: FormData) => Promise<ActionState>;
  retry: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  // Each button is a form of its own naming the refund (the action checks it belongs to the payment),
  // which says the action's answer beside it.
  const fields = { paymentId: refund.paymentId, refundRequestId: refund.refundRequestId };
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
          {actions.CHECK_STATUS && (
            <ActionButton
              action={check}
              fields={fields}
              stepUpId={`check-step-up-${refund.refundRequestId}`}
              busy="Checking…"
            >
              {actions.CHECK_STATUS}
            </ActionButton>
          )}
          {actions.RETRY_SAME_ID && (
            <ActionButton
              action={retry}
              fields={fields}
              stepUpId={`retry-step-up-${refund.refundRequestId}`}
              busy="Sending…"
            >
              {actions.RETRY_SAME_ID}
            </ActionButton>
          )}
          {actions.REFUND_AGAIN && (
            // To the refund form's first field (a fragment link focuses its target), or where the form
            // would be, the reason there is none: whichever is shown carries the id REFUND_START.
            <a
              href={`#${REFUND_START}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
            >
              {actions.REFUND_AGAIN}
            </a>
          )}
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
