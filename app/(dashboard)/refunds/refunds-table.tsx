import { Cell, DataTable, HeaderCell, Row, TimeHeaderCell } from '@/components/data-table';
import { ResultCodeChip } from '@/components/result-code-highlight';
import { RefundStatusBadge } from '@/components/status-badge';
import { Amount, DateTimeStack, IdLink } from '@/components/values';
import { describeResultCode } from '@/lib/format/result-code';
import { methodRules } from '@/lib/payments/methods';
import type { RefundListRow } from '@/lib/refunds/read/list';

const ATTENTION_ROW = 'bg-amber-50/40 shadow-[inset_3px_0_0_var(--color-amber-400)]';

const view = (r: RefundListRow) =>
  describeResultCode({ code: r.resultCode, resultStatus: r.resultStatus, channel: r.channel });

function RefundIds({ r }: { r: RefundListRow }) {
  return (
    <>
      <IdLink to="refund" id={r.refundRequestId} />
      <span className="block text-xs text-slate-500">
        payment{' '}
        <a
          href={`/transactions/${encodeURIComponent(r.paymentId)}`}
          className="font-mono break-all text-slate-600 hover:text-blue-700 hover:underline"
        >
          {r.paymentId}
        </a>
      </span>
      <span className="block truncate text-xs text-slate-500" title={`Order id ${r.paymentRequestId}`}>
        order <span className="font-mono">{r.paymentRequestId}</span> · {methodRules(r.method).label}
      </span>
      {r.attentionNote && <span className="mt-1 block text-xs font-medium text-amber-900">{r.attentionNote}</span>}
    </>
  );
}

/** A group of rows; `title` names it when there is more than one group. */
function RowGroup({ title, rows, attention }: { title?: string; rows: RefundListRow[]; attention: boolean }) {
  return (
    <tbody role="rowgroup" className="border-b border-slate-100">
      {title && (
        <tr role="row" className={`max-md:block max-md:p-0 ${attention ? 'bg-amber-50' : 'bg-slate-50/80'}`}>
          <th
            scope="rowgroup"
            role="rowheader"
            colSpan={6}
            className={`px-4 py-1.5 text-left text-xs font-semibold max-md:block sm:px-5 ${attention ? 'text-amber-900' : 'text-slate-600'}`}
          >
            {title}
          </th>
        </tr>
      )}
      {rows.map((r) => (
        <Row key={r.refundRequestId} className={attention ? ATTENTION_ROW : 'md:hover:bg-slate-50/70'}>
          <Cell className="max-md:order-6 max-md:ml-auto max-md:text-xs max-md:text-slate-600">
            <DateTimeStack date={r.createdAt} />
          </Cell>
          <Cell className="max-md:order-3 max-md:w-full max-md:text-sm md:max-w-[22rem]">
            <RefundIds r={r} />
          </Cell>
          <Cell className="font-medium text-slate-900 max-md:order-1 max-md:flex-1 max-md:text-base max-md:font-semibold md:text-right">
            <Amount value={r.amountValue} currency={r.currency} />
          </Cell>
          <Cell className="max-md:order-2">
            <RefundStatusBadge status={r.status} />
          </Cell>
          <Cell className="max-md:order-4 max-md:mt-1 max-md:w-full md:max-w-[14rem]">
            <ResultCodeChip view={view(r)} />
          </Cell>
          <Cell className="text-slate-600 max-md:order-5 max-md:text-xs">
            {r.requestedBy?.name ?? <span className="text-slate-500">System</span>}
          </Cell>
        </Row>
      ))}
    </tbody>
  );
}

/**
 * Needing attention first, then the rest, in one table: columns from the md breakpoint up, a card
 * per refund on phones (amount and status, the ids, Antom's result, then who asked and when).
 */
export function RefundsTable({ rows, zone, caption }: { rows: RefundListRow[]; zone: string; caption: string }) {
  const attention = rows.filter((r) => r.needsAttention);
  const rest = rows.filter((r) => !r.needsAttention);
  return (
    <DataTable
      caption={caption}
      headings={
        <>
          <TimeHeaderCell label="Requested" zone={zone} />
          <HeaderCell>Refund</HeaderCell>
          <HeaderCell align="right">Amount</HeaderCell>
          <HeaderCell>Status</HeaderCell>
          <HeaderCell>Result</HeaderCell>
          <HeaderCell>Requested by</HeaderCell>
        </>
      }
    >
      {attention.length > 0 && <RowGroup title="Needs attention" rows={attention} attention />}
      {rest.length > 0 && (
        <RowGroup title={attention.length ? 'All other refunds' : undefined} rows={rest} attention={false} />
      )}
    </DataTable>
  );
}
