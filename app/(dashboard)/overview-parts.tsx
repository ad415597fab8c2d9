// Pieces of the overview page: the status totals of a window, and the refunds needing attention.
import { CHART_STATUSES } from '@/components/charts/refund-volume-chart';
import { EmptyState } from '@/components/empty-state';
import { ResultCodeChip } from '@/components/result-code-highlight';
import { RefundHeadline, RefundStatusBadge } from '@/components/status-badge';
import { REFUND_STATUS_WORDS } from '@/lib/refunds/states';
import { Amount, IdLink } from '@/components/values';
import { formatRelative } from '@/lib/format/date-time';
import { formatCount } from '@/lib/money';
import { describeResultCode } from '@/lib/format/result-code';
import type { PeriodTotals } from '@/lib/overview/queries';
import type { RefundListRow } from '@/lib/refunds/read/list';

/** Every currency of every status is shown: a total hidden behind "+ 2 more" is one nobody can read. */
export function StatusTotalsGrid({ totals }: { totals: PeriodTotals }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-7">
      {CHART_STATUSES.map((status) => totals.byStatus.find((s) => s.status === status)!).map((s) => {
        return (
          <div key={s.status} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
            <dt>
              <RefundStatusBadge status={s.status} />
            </dt>
            <dd className="mt-2 text-2xl font-semibold text-slate-900 tabular-nums">
              {formatCount(s.count)}
              <span className="sr-only"> {REFUND_STATUS_WORDS[s.status].label.toLowerCase()} refunds</span>
            </dd>
            <dd className="mt-1 space-y-0.5 text-xs text-slate-600">
              {s.amounts.length === 0 && <span className="text-slate-500">No amount</span>}
              {s.amounts.map((m) => (
                <Amount key={m.currency} value={m.value} currency={m.currency} className="block" />
              ))}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function AttentionList({ rows, more }: { rows: RefundListRow[]; more: boolean }) {
  if (rows.length === 0) {
    return (
      <EmptyState icon="check" title="Nothing needs attention">
        Every refund has a known outcome or is moving as expected.
      </EmptyState>
    );
  }
  const now = new Date();
  return (
    <>
      <ul className="divide-y divide-slate-100">
        {rows.map((r) => (
          <li
            key={r.refundRequestId}
            className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:px-5"
          >
            <div className="min-w-0">
              <RefundHeadline refund={r}>
                <span className="text-xs text-slate-500">{formatRelative(r.createdAt, now)}</span>
              </RefundHeadline>
              <IdLink to="refund" id={r.refundRequestId} className="mt-0.5 block" />
              <p className="text-sm text-amber-900">{r.attentionNote}</p>
            </div>
            {r.resultCode && (
              <div className="sm:max-w-[16rem] sm:text-right">
                <ResultCodeChip
                  view={describeResultCode({ code: r.resultCode, resultStatus: r.resultStatus, channel: r.channel })}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      <p className="border-t border-slate-100 px-4 py-3 text-sm sm:px-5">
        <a href="/refunds?status=ATTENTION" className="font-medium text-blue-700 hover:underline">
          {more ? 'See every refund needing attention →' : 'Open in the refund list →'}
        </a>
      </p>
    </>
  );
}
