import { EmptyState } from '@/components/empty-state';
import { ResultCodeHighlight } from '@/components/result-code-highlight';
import { RefundHeadline } from '@/components/status-badge';
import { CopyButton } from '@/components/copy-button';
import { CopyableId } from '@/components/copyable-id';
import { DateTime, IdLink } from '@/components/values';
import { formatRelative } from '@/lib/format/date-time';
import { describeResultCode, NEXT_ACTION_LABELS, refundNextStep } from '@/lib/format/result-code';
import type { PaymentDetail, PaymentRefundRow } from '@/lib/payments/queries';
import { checkRefundStatusAction, retryRefundAction } from './actions';
import { RefundNextStep } from './refund-next-step';

/** Where a refund stands with its approval (issue 16): waiting and why, approved by whom, or cancelled and why. */
function ApprovalNote({ refund: r, now }: { refund: PaymentRefundRow; now: Date }) {
  if (r.status === 'PENDING_APPROVAL')
    return (
      <p className="rounded-md border border-violet-300 bg-violet-50 px-3 py-2 text-sm text-violet-950">
        <span className="font-medium">Waiting for approval. </span>
        {r.approvalWhy} Nothing is sent to Antom until someone other than the requester approves it
        {r.approvalExpiresAt && (
          <>
            ; it expires {formatRelative(r.approvalExpiresAt, now)} (
            <DateTime date={r.approvalExpiresAt} seconds={false} />)
          </>
        )}
        . The amount stays reserved meanwhile.{' '}
        <a href="/approvals" className="text-violet-800 underline underline-offset-2">
          See the approval queue
        </a>
      </p>
    );
  if (r.status === 'CANCELLED')
    return (
      <p className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800">
        <span className="font-medium">{r.cancelledByName ? `Cancelled by ${r.cancelledByName}: ` : 'Cancelled: '}</span>
        {/* A reason is a person's words: end it as a sentence before ours follows. */}
        {r.cancelReason ? r.cancelReason.replace(/([^.!?])\s*$/, '$1.') : 'never sent.'} Nothing was sent to Antom, and
        the amount is available again.
      </p>
    );
  if (r.approvedByName && r.approvedAt)
    return (
      <p className="text-sm text-slate-600">
        Approved by {r.approvedByName}, <DateTime date={r.approvedAt} seconds={false} />
      </p>
    );
  return null;
}

/**
 * Every refund of the payment, newest first: status, amount, who and when, Antom's latest word, and
 * what to do next with the buttons that do it (refund-next-step.tsx).
 */
export function RefundHistory({ payment, canAct }: { payment: PaymentDetail; canAct: boolean }) {
  if (payment.refunds.length === 0) {
    return (
      <EmptyState title="No refunds yet">Refunds of this payment will be listed here with their status.</EmptyState>
    );
  }
  const now = new Date();
  return (
    <ol className="divide-y divide-slate-100" aria-label="Refunds of this payment, newest first">
      {payment.refunds.map((r) => (
        <li
          key={r.refundRequestId}
          className="grid gap-3 px-4 py-4 sm:px-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]"
        >
          <div className="min-w-0">
            <RefundHeadline refund={r} large />
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              <IdLink to="refund" id={r.refundRequestId} />
              <CopyButton value={r.refundRequestId} label="refundRequestId" />
            </p>
            {r.refundId && (
              <p className="mt-1 text-xs text-slate-500">
                refundId{' '}
                <CopyableId label="refundId" className="text-xs text-slate-600">
                  {r.refundId}
                </CopyableId>
              </p>
            )}
            <p className="mt-2 text-sm text-slate-600">
              {r.source === 'EXTERNAL' ? 'Made outside this dashboard' : r.requestedBy ? r.requestedBy.name : 'System'}{' '}
              · <DateTime date={r.createdAt} seconds={false} />{' '}
              <span className="whitespace-nowrap text-slate-500">({formatRelative(r.createdAt, now)})</span>
            </p>
            {r.source === 'EXTERNAL' ? (
              <p className="mt-1 text-sm text-slate-600" data-testid="external-refund-source">
                <span className="mr-1 rounded-full bg-violet-100 px-2 py-0.5 text-xs font-medium text-violet-800">
                  External
                </span>
                {r.sourceNote ?? 'From an Antom report'}
              </p>
            ) : (
              r.reason && <p className="mt-1 text-sm text-slate-600">“{r.reason}”</p>
            )}
          </div>
          <div className="min-w-0 space-y-2">
            <ApprovalNote refund={r} now={now} />
            {r.attentionReason && (
              <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
                <span className="font-medium">Needs attention: </span>
                {r.attentionReason}
              </p>
            )}
            {(() => {
              const view = describeResultCode({
                code: r.resultCode,
                resultStatus: r.resultStatus,
                channel: payment.channel,
              });
              const step = refundNextStep(r.status, view);
              const next = (
                <RefundNextStep
                  refund={{
                    refundRequestId: r.refundRequestId,
                    refundId: r.refundId,
                    paymentId: payment.paymentId,
                    createdAt: r.createdAt.toISOString(),
                    status: r.status,
                  }}
                  text={step.text}
                  actions={Object.fromEntries(step.actions.map((a) => [a, NEXT_ACTION_LABELS[a]]))}
                  canAct={canAct && r.source !== 'EXTERNAL'}
                  check={checkRefundStatusAction}
                  retry={retryRefundAction}
                />
              );
              // Never sent (waiting for approval, or cancelled): nothing from Antom to wait for.
              if (!view && (r.status === 'PENDING_APPROVAL' || r.status === 'CANCELLED')) return next;
              return view ? (
                <ResultCodeHighlight view={view} message={r.resultMessage} next={next} />
              ) : (
                <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
                  <p className="text-slate-500">
                    {r.source === 'EXTERNAL'
                      ? 'Not asked through this dashboard, so there is no answer from Antom to show here.'
                      : 'No answer from Antom recorded yet.'}
                  </p>
                  {next}
                </div>
              );
            })()}
          </div>
        </li>
      ))}
    </ol>
  );
}
