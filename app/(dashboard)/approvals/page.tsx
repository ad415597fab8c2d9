import type { Metadata } from 'next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { Amount, DateTime, IdLink } from '@/components/values';
import { decidedRefund, waitingRefunds, type DecidedRefund } from '@/lib/approvals';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { formatRelative } from '@/lib/format/date-time';
import { formatMoney } from '@/lib/money';
import { isRefundStatus, REFUND_STATUS_WORDS } from '@/lib/refunds/states';
import { DecisionForms } from './decision-forms';

export const metadata: Metadata = { title: 'Waiting for approval' };

/** The refunds an approval rule holds, soonest to expire first: each with what an approver needs to decide. */
/** What became of the refund just decided on (the decision's action leads back here with its id). */
function Decided({ refund }: { refund: DecidedRefund }) {
  const amount = formatMoney({ value: refund.amountValue, currency: refund.currency });
  const words = isRefundStatus(refund.status) ? REFUND_STATUS_WORDS[refund.status] : null;
  const text =
    refund.status === 'CANCELLED'
      ? `Rejected: ${amount} was not sent, and it is available to refund again.`
      : refund.approvedByName
        ? `Approved: ${amount} — ${words?.headline ?? refund.status}. ${words?.next ?? ''}`
        : `${amount}: ${words?.label ?? refund.status}.`;
  return (
    <p
      role="status"
      className="mb-4 rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950"
    >
      {text} <IdLink to="refund" id={refund.refundRequestId} />
    </p>
  );
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ decided?: string }> }) {
  const user = await requireUser();
  const { decided: decidedId } = await searchParams;
  const [waiting, decided] = await Promise.all([
    waitingRefunds(user),
    typeof decidedId === 'string' ? decidedRefund(user, decidedId) : null,
  ]);
  const canDecide = can(user.role, 'approveRefunds');
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Waiting for approval"
        description="Refunds an approval rule holds for a second person. Each one's amount is reserved; nothing is sent to Antom until someone other than the requester approves it. Unapproved refunds expire and release their amount."
      />
      {decided && <Decided refund={decided} />}
      {waiting.length === 0 ? (
        <EmptyState title="Nothing is waiting">Refunds that need a second person’s approval appear here.</EmptyState>
      ) : (
        <ol className="space-y-3" aria-label="Refunds waiting for approval, soonest to expire first">
          {waiting.map((w) => {
            const own = w.requesterId === user.id;
            const label = `${formatMoney({ value: w.amountValue, currency: w.currency })} refund of payment ${w.paymentId}`;
            return (
              <li
                key={w.refundRequestId}
                aria-label={label}
                className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:p-5 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]"
              >
                <div className="min-w-0 space-y-1">
                  <p className="text-xl font-semibold text-slate-900">
                    <Amount value={w.amountValue} currency={w.currency} />
                    <span className="ml-2 text-sm font-normal text-slate-500">
                      of <Amount value={w.paymentAmountValue} currency={w.currency} /> · {w.paymentMethod}
                    </span>
                  </p>
                  <p className="text-sm">
                    Payment <IdLink to="payment" id={w.paymentId} />
                  </p>
                  <p className="text-sm text-slate-700">
                    Asked by <span className="font-medium">{w.requesterName ?? 'a removed user'}</span>
                    {own && <span className="text-slate-500"> (you)</span>} ·{' '}
                    <DateTime date={w.requestedAt} seconds={false} />{' '}
                    <span className="whitespace-nowrap text-slate-500">({formatRelative(w.requestedAt, now)})</span>
                  </p>
                  {w.reason && <p className="text-sm text-slate-700">“{w.reason}”</p>}
                  {w.why && <p className="text-sm text-slate-500">{w.why}</p>}
                  {w.expiresAt && (
                    <p className="text-sm text-slate-500">
                      Expires <DateTime date={w.expiresAt} seconds={false} /> ({formatRelative(w.expiresAt, now)})
                    </p>
                  )}
                  <p className="text-xs">
                    <IdLink to="refund" id={w.refundRequestId} className="text-xs" />
                  </p>
                </div>
                <div className="min-w-0 lg:border-l lg:border-slate-100 lg:pl-5">
                  {!canDecide ? (
                    <p className="text-sm text-slate-600">An approver or an admin decides on it.</p>
                  ) : own ? (
                    <p className="text-sm text-slate-600">You asked for this refund: another person must approve it.</p>
                  ) : (
                    <DecisionForms refundRequestId={w.refundRequestId} label={label} />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
