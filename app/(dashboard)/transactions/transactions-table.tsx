import Link from 'next/link';
import { HeaderCell, TD, TimeHeaderCell } from '@/components/data-table';
import { PaymentStatusBadge } from '@/components/status-badge';
import { Amount, DateTimeStack, None } from '@/components/values';
import { formatDateTime } from '@/lib/format/date-time';
import { methodRules } from '@/lib/payments/methods';
import type { PaymentListRow, PaymentSearchRow } from '@/lib/payments/queries';
import { CHANNEL_LABELS } from './labels';

const MATCHED: Record<PaymentSearchRow['matchedBy'], string> = {
  paymentId: 'paymentId',
  paymentRequestId: 'paymentRequestId',
  refundId: "a refund's refundId",
  refundRequestId: "a refund's refundRequestId",
};

function Refunded({ row }: { row: PaymentListRow }) {
  const inFlight = row.refundHeldValue - row.refundedValue;
  if (row.refundHeldValue === 0) return <None label="nothing refunded" />;
  return (
    <span className="inline-flex flex-col items-end leading-tight">
      <Amount value={row.refundedValue} currency={row.currency} className="text-slate-900" />
      {inFlight > 0 && (
        <span className="text-xs text-amber-800">
          +<Amount value={inFlight} currency={row.currency} /> in flight
        </span>
      )}
    </span>
  );
}

/** A table from the md breakpoint up; on phones each payment is a card (same data, one column). */
export function TransactionsTable({
  rows,
  caption,
  zone,
}: {
  rows: (PaymentListRow | PaymentSearchRow)[];
  caption: string;
  zone: string;
}) {
  return (
    <>
      <table className="hidden w-full text-sm md:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50/80">
          <tr>
            <TimeHeaderCell label="Created" zone={zone} />
            <HeaderCell>Payment</HeaderCell>
            <HeaderCell>Method</HeaderCell>
            <HeaderCell>Channel</HeaderCell>
            <HeaderCell align="right">Amount</HeaderCell>
            <HeaderCell align="right">Refunded</HeaderCell>
            <HeaderCell>Status</HeaderCell>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.paymentId} className="hover:bg-slate-50/70">
              <td className={TD}>
                <DateTimeStack date={row.createdAt} />
              </td>
              <td className={`${TD} max-w-[18rem]`}>
                <Link
                  href={`/transactions/${encodeURIComponent(row.paymentId)}`}
                  className="font-mono text-[13px] break-all text-blue-700 hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
                >
                  {row.paymentId}
                </Link>
                <span className="block truncate font-mono text-xs text-slate-500" title={row.paymentRequestId}>
                  {row.paymentRequestId}
                </span>
                {'matchedBy' in row && (
                  <span className="mt-0.5 block text-xs text-blue-800">Matched by {MATCHED[row.matchedBy]}</span>
                )}
              </td>
              <td className={TD}>
                <span title={row.method}>{methodRules(row.method).label}</span>
              </td>
              <td className={`${TD} text-slate-600`}>{CHANNEL_LABELS[row.channel]}</td>
              <td className={`${TD} text-right font-medium text-slate-900`}>
                <Amount value={row.amountValue} currency={row.currency} />
              </td>
              <td className={`${TD} text-right`}>
                <Refunded row={row} />
              </td>
              <td className={TD}>
                <PaymentStatusBadge status={row.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ul className="divide-y divide-slate-100 md:hidden" aria-label={caption}>
        {rows.map((row) => (
          <li key={row.paymentId} className="px-4 py-3">
            <div className="flex items-start justify-between gap-3">
              <Amount
                value={row.amountValue}
                currency={row.currency}
                className="text-base font-semibold text-slate-900"
              />
              <PaymentStatusBadge status={row.status} />
            </div>
            <Link
              href={`/transactions/${encodeURIComponent(row.paymentId)}`}
              className="mt-1 block font-mono text-[13px] break-all text-blue-700 hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
            >
              {row.paymentId}
            </Link>
            <p className="truncate font-mono text-xs text-slate-500">{row.paymentRequestId}</p>
            {'matchedBy' in row && <p className="text-xs text-blue-800">Matched by {MATCHED[row.matchedBy]}</p>}
            <div className="mt-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-xs text-slate-600">
              <span>
                {methodRules(row.method).label} · {CHANNEL_LABELS[row.channel]}
              </span>
              <time dateTime={row.createdAt.toISOString()} className="tabular-nums">
                {formatDateTime(row.createdAt, { seconds: false })}
              </time>
            </div>
            {row.refundHeldValue > 0 && (
              <p className="mt-1 text-xs text-slate-600">
                Refunded{' '}
                <Amount value={row.refundedValue} currency={row.currency} className="font-medium text-slate-800" />
                {row.refundHeldValue > row.refundedValue && (
                  <span className="text-amber-800">
                    {' '}
                    (+
                    <Amount value={row.refundHeldValue - row.refundedValue} currency={row.currency} /> in flight)
                  </span>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
