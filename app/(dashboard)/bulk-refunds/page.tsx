import type { Metadata } from 'next';
import { BatchStatusBadge } from '@/components/batch-status-badge';
import { Cell, DataTable, HeaderCell, Row } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { FILTER_CARD } from '@/components/form-controls';
import { PageHeader, Section } from '@/components/page-header';
import { DateTime } from '@/components/values';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { MAX_BATCH_ROWS, REASON_CODES } from '@/lib/bulk-refunds';
import { appBulkRefunds } from '@/lib/bulk-refunds/app';
import { UploadBatch } from './upload-batch';

export const metadata: Metadata = { title: 'Bulk refunds' };

export default async function BulkRefundsPage() {
  const user = await requireUser('read');
  const batches = await appBulkRefunds.list(user);
  const mayRefund = can(user.role, 'refund');
  return (
    <>
      <PageHeader
        title="Bulk refunds"
        description="Refund many payments from one file. Every row is checked first (a dry run); nothing is sent until you confirm."
      />
      {mayRefund && (
        <div className={FILTER_CARD}>
          <h2 className="mb-2 text-base font-semibold text-slate-900">Upload a file</h2>
          <p className="mb-3 text-sm text-slate-600">
            A CSV with a header row and up to {MAX_BATCH_ROWS.toLocaleString('en-US')} rows. Columns:{' '}
            <code className="text-[13px]">paymentId</code> or <code className="text-[13px]">paymentRequestId</code>,{' '}
            <code className="text-[13px]">amount</code> (in the payment&apos;s currency, e.g. 12.50, or{' '}
            <code className="text-[13px]">FULL</code> for everything left),{' '}
            <code className="text-[13px]">reasonCode</code>, and an optional <code className="text-[13px]">note</code>.
            The same file uploaded again opens the same batch: it never refunds twice.
          </p>
          <UploadBatch />
          <details className="mt-3 text-sm text-slate-600">
            <summary className="cursor-pointer font-medium text-slate-700">Reason codes</summary>
            <ul className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-2">
              {Object.entries(REASON_CODES).map(([code, words]) => (
                <li key={code}>
                  <code className="text-[13px] text-slate-800">{code}</code> — {words}
                </li>
              ))}
            </ul>
            <pre className="mt-3 overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-700">
              {
                'paymentId,paymentRequestId,amount,reasonCode,note\nPAY123,,12.50,EVENT_CANCELLED,Concert 12 May\n,ORDER-9,FULL,SERVICE_OUTAGE,'
              }
            </pre>
          </details>
        </div>
      )}
      <Section id="batches" title="Batches" description={batches.length ? 'Newest first.' : undefined}>
        {batches.length === 0 ? (
          <EmptyState title="No bulk refund file uploaded yet" />
        ) : (
          <DataTable
            caption="Bulk refund batches"
            headings={
              <>
                <HeaderCell>File</HeaderCell>
                <HeaderCell>State</HeaderCell>
                <HeaderCell align="right">Rows</HeaderCell>
                <HeaderCell align="right">Refused</HeaderCell>
                <HeaderCell>Uploaded</HeaderCell>
              </>
            }
          >
            <tbody role="rowgroup">
              {batches.map((b) => (
                <Row key={b.id}>
                  <Cell className="max-md:w-full">
                    <a href={`/bulk-refunds/${b.id}`} className="font-medium text-blue-700 hover:underline">
                      {b.fileName}
                    </a>
                  </Cell>
                  <Cell>
                    <BatchStatusBadge status={b.status} />
                  </Cell>
                  <Cell className="text-right tabular-nums">{b.rowCount.toLocaleString('en-US')}</Cell>
                  <Cell className="text-right tabular-nums">{b.refusedCount.toLocaleString('en-US')}</Cell>
                  <Cell>
                    <DateTime date={b.createdAt} seconds={false} />
                  </Cell>
                </Row>
              ))}
            </tbody>
          </DataTable>
        )}
      </Section>
    </>
  );
}
