import Link from 'next/link';
import { HeaderCell, TD, TimeHeaderCell } from '@/components/data-table';
import { ResultCodeChip } from '@/components/result-code-highlight';
import { RefundStatusBadge } from '@/components/status-badge';
import { Amount, DateTimeStack } from '@/components/values';
import { formatDateTime } from '@/lib/format/date-time';
import { describeResultCode } from '@/lib/format/result-code';
import type { RefundListRow } from '@/lib/refunds/queries';

const LINK =
  'font-mono text-[13px] break-all text-blue-700 hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none';
const ATTENTION_ROW = 'bg-amber-50/40 shadow-[inset_3px_0_0_var(--color-amber-400)]';

const view = (r: RefundListRow) =>
  describeResultCode({ code: r.resultCode, resultStatus: r.resultStatus, channel: r.channel });

function RefundIds({ r }: { r: RefundListRow }) {
  return (
    <>
      <Link href={`/refunds/${encodeURIComponent(r.refundRequestId)}`} className={LINK}>
        {r.refundRequestId}
      </Link>
      <span className="block text-xs text-slate-500">
        payment{' '}
        <Link
          href={`/transactions/${encodeURIComponent(r.paymentId)}`}
          className="font-mono break-all text-slate-600 hover:text-blue-700 hover:underline"
        >
          {r.paymentId}
        </Link>
      </span>
      {r.attentionNote && <span className="mt-1 block text-xs font-medium text-amber-900">{r.attentionNote}</span>}
    </>
  );
}

function RowGroup({ title, rows, attention }: { title: string; rows: RefundListRow[]; attention: boolean }) {
  return (
    <tbody className="divide-y divide-slate-100 border-b border-slate-100">
      <tr className={attention ? 'bg-amber-50' : 'bg-slate-50/80'}>
        <th
          scope="rowgroup"
          colSpan={6}
          className={`px-4 py-1.5 text-left text-xs font-semibold sm:px-5 ${attention ? 'text-amber-900' : 'text-slate-600'}`}
        >
          {title}
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={r.refundRequestId} className={attention ? ATTENTION_ROW : 'hover:bg-slate-50/70'}>
          <td className={TD}>
            <DateTimeStack date={r.createdAt} />
          </td>
          <td className={`${TD} max-w-[22rem]`}>
            <RefundIds r={r} />
          </td>
          <td className={`${TD} text-right font-medium text-slate-900`}>
            <Amount value={r.amountValue} currency={r.currency} />
          </td>
          <td className={TD}>
            <RefundStatusBadge status={r.status} />
          </td>
          <td className={`${TD} max-w-[14rem]`}>
            <ResultCodeChip view={view(r)} />
          </td>
          <td className={`${TD} text-slate-600`}>
            {r.requestedBy?.name ?? <span className="text-slate-500">System</span>}
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function CardGroup({ title, rows, attention }: { title: string; rows: RefundListRow[]; attention: boolean }) {
  return (
    <>
      <h3
        className={`px-4 py-1.5 text-xs font-semibold ${attention ? 'bg-amber-50 text-amber-900' : 'bg-slate-50 text-slate-600'}`}
      >
        {title}
      </h3>
      <ul className="divide-y divide-slate-100 border-b border-slate-100">
        {rows.map((r) => (
          <li key={r.refundRequestId} className={`px-4 py-3 ${attention ? ATTENTION_ROW : ''}`}>
            <div className="flex items-start justify-between gap-3">
              <Amount value={r.amountValue} currency={r.currency} className="text-base font-semibold text-slate-900" />
              <RefundStatusBadge status={r.status} />
            </div>
            <div className="mt-1 text-sm">
              <RefundIds r={r} />
            </div>
            <div className="mt-2 flex items-end justify-between gap-3 text-xs text-slate-600">
              <ResultCodeChip view={view(r)} />
              <span className="shrink-0 text-right">
                {r.requestedBy?.name ?? 'System'}
                <br />
                <time dateTime={r.createdAt.toISOString()} className="tabular-nums">
                  {formatDateTime(r.createdAt, { seconds: false })}
                </time>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Needing attention first, then the rest; a table on wide screens, cards on phones. */
export function RefundsTable({ rows, zone, caption }: { rows: RefundListRow[]; zone: string; caption: string }) {
  const attention = rows.filter((r) => r.needsAttention);
  const rest = rows.filter((r) => !r.needsAttention);
  const restTitle = attention.length ? 'All other refunds' : 'Refunds';
  return (
    <>
      <table className="hidden w-full text-sm md:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200">
          <tr>
            <TimeHeaderCell label="Requested" zone={zone} />
            <HeaderCell>Refund</HeaderCell>
            <HeaderCell align="right">Amount</HeaderCell>
            <HeaderCell>Status</HeaderCell>
            <HeaderCell>Result</HeaderCell>
            <HeaderCell>Requested by</HeaderCell>
          </tr>
        </thead>
        {attention.length > 0 && <RowGroup title="Needs attention" rows={attention} attention />}
        {rest.length > 0 && <RowGroup title={restTitle} rows={rest} attention={false} />}
      </table>

      <div className="md:hidden" role="region" aria-label={caption}>
        {attention.length > 0 && <CardGroup title="Needs attention" rows={attention} attention />}
        {rest.length > 0 && <CardGroup title={restTitle} rows={rest} attention={false} />}
      </div>
    </>
  );
}
