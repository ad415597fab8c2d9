import { Cell, DataTable, HeaderCell, Row, TimeHeaderCell } from '@/components/data-table';
import { PaymentStatusBadge } from '@/components/status-badge';
import { Amount, DateTimeStack, IdLink, None } from '@/components/values';
import { methodRules } from '@/lib/payments/methods';
import type { PaymentListRow, PaymentSearchRow } from '@/lib/payments/queries';
import { CHANNEL_LABELS } from '@/lib/payments/states';

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
    <span className="inline-flex flex-col items-end leading-tight max-md:flex-row max-md:items-baseline max-md:gap-1">
      <span className="md:hidden">Refunded</span>
      <Amount value={row.refundedValue} currency={row.currency} className="text-slate-900 max-md:font-medium" />
      {inFlight > 0 && (
        <span className="text-xs text-amber-800">
          +<Amount value={inFlight} currency={row.currency} /> in flight
        </span>
      )}
    </span>
  );
}

/**
 * One table: columns from the md breakpoint up; on phones each payment is a card (amount and status,
 * then the ids, then method · channel and the time, then what was refunded).
 */
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
    <DataTable
      caption={caption}
      headings={
        <>
          <TimeHeaderCell label="Created" zone={zone} />
          <HeaderCell>Payment</HeaderCell>
          <HeaderCell>Method</HeaderCell>
          <HeaderCell>Channel</HeaderCell>
          <HeaderCell align="right">Amount</HeaderCell>
          <HeaderCell align="right">Refunded</HeaderCell>
          <HeaderCell>Status</HeaderCell>
        </>
      }
    >
      <tbody role="rowgroup">
        {rows.map((row) => (
          <Row key={row.paymentId} className="md:hover:bg-slate-50/70">
            <Cell className="max-md:order-5 max-md:mt-1 max-md:ml-auto max-md:text-xs max-md:text-slate-600">
              <DateTimeStack date={row.createdAt} />
            </Cell>
            <Cell className="max-md:order-3 max-md:w-full md:max-w-[18rem]">
              <IdLink to="payment" id={row.paymentId} />
              <span className="block truncate font-mono text-xs text-slate-500" title={row.paymentRequestId}>
                {row.paymentRequestId}
              </span>
              {'matchedBy' in row && (
                <span className="mt-0.5 block text-xs text-blue-800">
                  Matched by {row.exact ? '' : 'the start of '}
                  {MATCHED[row.matchedBy]}
                </span>
              )}
            </Cell>
            <Cell className="max-md:order-4 max-md:mt-1 max-md:text-xs max-md:text-slate-600">
              <span title={row.method}>{methodRules(row.method).label}</span>
            </Cell>
            <Cell className="text-slate-600 max-md:order-4 max-md:mt-1 max-md:-ml-2 max-md:text-xs">
              <span aria-hidden="true" className="md:hidden">
                ·{' '}
              </span>
              {CHANNEL_LABELS[row.channel]}
            </Cell>
            <Cell className="font-medium text-slate-900 max-md:order-1 max-md:flex-1 max-md:text-base max-md:font-semibold md:text-right">
              <Amount value={row.amountValue} currency={row.currency} />
            </Cell>
            <Cell
              className={`max-md:order-6 max-md:w-full max-md:text-xs max-md:text-slate-600 md:text-right ${row.refundHeldValue === 0 ? 'max-md:hidden' : ''}`}
            >
              <Refunded row={row} />
            </Cell>
            <Cell className="max-md:order-2">
              <PaymentStatusBadge payment={row} />
            </Cell>
          </Row>
        ))}
      </tbody>
    </DataTable>
  );
}
