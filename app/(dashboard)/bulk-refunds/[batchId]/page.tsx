import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/auto-refresh';
import { BatchStatusBadge, VerdictBadge } from '@/components/batch-status-badge';
import { Cell, DataTable, HeaderCell, Row } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { Section } from '@/components/page-header';
import { Amount, DateTime, Id, None } from '@/components/values';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { rowOutcome, type BatchSummary } from '@/lib/bulk-refunds';
import { appBulkRefunds } from '@/lib/bulk-refunds/app';
import type { SearchParams } from '../../search-params';
import { BatchControls } from './batch-controls';
import { ConfirmBatch } from './confirm-batch';

export const metadata: Metadata = { title: 'Bulk refund batch' };

const SHOW = [
  { value: '', label: 'All rows' },
  { value: 'REFUSED', label: 'Refused' },
  { value: 'NEEDS_APPROVAL', label: 'Needs approval' },
  { value: 'READY', label: 'Ready' },
] as const;
type Verdict = 'READY' | 'NEEDS_APPROVAL' | 'REFUSED';
const PAGE = 100;

function Stat({ label, value, tone = 'text-slate-900' }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone}`}>{value.toLocaleString('en-US')}</dd>
    </div>
  );
}

function Progress({ batch }: { batch: BatchSummary }) {
  const p = batch.progress;
  const done = p.sent + p.skipped + p.cancelled + p.waitingApproval;
  const percent = p.toSend ? Math.min(100, Math.round((done / p.toSend) * 100)) : 100;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium text-slate-800">
          {p.sent.toLocaleString('en-US')} of {p.toSend.toLocaleString('en-US')} sent
          {p.waitingApproval > 0 && `, ${p.waitingApproval.toLocaleString('en-US')} waiting for approval`}
        </span>
        <span className="text-slate-500">
          at most {batch.ratePerSecond} a second · {p.reserved.toLocaleString('en-US')} reserved
        </span>
      </div>
      <progress
        value={percent}
        max={100}
        aria-label="Batch progress"
        className="h-3 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-blue-600"
      />
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-2">
        <Stat label="Refunded" value={p.refunded} tone="text-emerald-700" />
        <Stat label="In progress at Antom" value={p.open} />
        <Stat label="Failed" value={p.failed} tone={p.failed ? 'text-rose-700' : undefined} />
        <Stat label="Waiting for approval" value={p.waitingApproval} />
        <Stat label="Not sent (payment changed)" value={p.skipped} />
        <Stat label="Cancelled" value={p.cancelled} />
      </dl>
    </div>
  );
}

export default async function BatchPage({
  params,
  searchParams,
}: {
  params: Promise<{ batchId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const user = await requireUser('read');
  const { batchId } = await params;
  const batch = await appBulkRefunds.get(user, batchId);
  if (!batch) notFound();
  const query = await searchParams;
  const show = (typeof query.show === 'string' ? query.show : '') as Verdict | '';
  const verdict = SHOW.some((s) => s.value === show) && show ? show : undefined;
  const after = Math.max(0, Number(typeof query.after === 'string' ? query.after : 0) || 0);
  const rows = await appBulkRefunds.rows(user, batch.id, { verdict, afterRow: after, limit: PAGE + 1 });
  const more = rows.length > PAGE;
  const shown = rows.slice(0, PAGE);
  const mayRefund = can(user.role, 'refund');
  const sendable = batch.readyCount + batch.approvalCount;
  const link = (changes: { show?: string; after?: number }) => {
    const s = new URLSearchParams();
    const v = changes.show ?? verdict ?? '';
    if (v) s.set('show', v);
    if (changes.after) s.set('after', String(changes.after));
    const text = s.toString();
    return `/bulk-refunds/${batch.id}${text ? `?${text}` : ''}#rows`;
  };

  return (
    <>
      <AutoRefresh active={batch.status === 'RUNNING'} everyMs={2000} />
      <div className="mb-6">
        <a href="/bulk-refunds" className="text-sm text-blue-700 hover:underline">
          ← Bulk refunds
        </a>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight break-all text-slate-900">{batch.fileName}</h1>
          <BatchStatusBadge status={batch.status} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {batch.rowCount.toLocaleString('en-US')} rows, uploaded <DateTime date={batch.createdAt} seconds={false} />
          {batch.uploadedBy && ` by ${batch.uploadedBy}`}. File SHA-256 <Id>{batch.fileSha256.slice(0, 16)}</Id>…
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Section id="dry-run" title="Dry run" description="Every row checked against its payment when uploaded.">
          <div className="space-y-4 px-4 py-4 sm:px-5">
            <dl className="grid grid-cols-3 gap-2">
              <Stat label="Ready" value={batch.readyCount} tone="text-emerald-700" />
              <Stat label="Needs approval" value={batch.approvalCount} tone="text-amber-700" />
              <Stat
                label="Refused"
                value={batch.refusedCount}
                tone={batch.refusedCount ? 'text-rose-700' : undefined}
              />
            </dl>
            {batch.problems.length > 0 && (
              <div>
                <h3 className="text-sm font-medium text-slate-800">Refused, by reason</h3>
                <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                  {batch.problems.map((p) => (
                    <li key={p.code} className="flex justify-between gap-3">
                      <a href={link({ show: 'REFUSED' })} className="hover:underline">
                        {p.label}
                      </a>
                      <span className="tabular-nums">{p.count.toLocaleString('en-US')}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </Section>
        <Section id="totals" title="To refund" description="Ready and needs-approval rows, per currency.">
          <div className="px-4 py-4 sm:px-5">
            {batch.totals.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing: every row was refused.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {batch.totals.map((t) => (
                  <li key={t.currency} className="flex justify-between gap-3">
                    <span className="text-slate-600">
                      {t.currency} · {t.rows.toLocaleString('en-US')} rows
                    </span>
                    <Amount value={t.value} currency={t.currency} className="font-semibold text-slate-900" />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Section>
        <Section id="send" title={batch.status === 'DRY_RUN' ? 'Send' : 'Sending'}>
          <div className="space-y-3 px-4 py-4 sm:px-5">
            {batch.status === 'DRY_RUN' ? (
              mayRefund && sendable > 0 ? (
                <>
                  <p className="text-sm text-slate-600">
                    Nothing has been reserved or sent. Confirming reserves every ready row&apos;s amount at once and
                    sends them at most {batch.ratePerSecond} a second; rows that need approval wait for an approver.
                    Refused rows are left out.
                  </p>
                  <ConfirmBatch batchId={batch.id} rows={sendable} />
                </>
              ) : (
                <p className="text-sm text-slate-600">
                  {sendable === 0
                    ? 'Every row was refused: fix the file and upload it again.'
                    : 'A refunder confirms it.'}
                </p>
              )
            ) : (
              <>
                <Progress batch={batch} />
                {mayRefund && ['RUNNING', 'PAUSED'].includes(batch.status) && (
                  <BatchControls batchId={batch.id} status={batch.status} />
                )}
                {mayRefund && batch.status === 'DONE' && batch.progress.waitingApproval > 0 && (
                  <BatchControls batchId={batch.id} status={batch.status} />
                )}
              </>
            )}
            <a
              href={`/bulk-refunds/${batch.id}/result`}
              className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50"
            >
              {batch.status === 'DRY_RUN' ? 'Download the dry run (CSV)' : 'Download the result (CSV)'}
            </a>
          </div>
        </Section>
      </div>

      <div className="mt-6">
        <Section
          id="rows"
          title="Rows"
          description={`In file order${after ? `, after row ${after}` : ''}.`}
          actions={
            <nav aria-label="Show rows" className="flex flex-wrap gap-1 text-sm">
              {SHOW.map((s) => (
                <a
                  key={s.value}
                  href={link({ show: s.value })}
                  aria-current={(verdict ?? '') === s.value ? 'page' : undefined}
                  className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
                >
                  {s.label}
                </a>
              ))}
            </nav>
          }
        >
          {shown.length === 0 ? (
            <EmptyState title="No rows to show" />
          ) : (
            <DataTable
              caption="Rows of the batch"
              headings={
                <>
                  <HeaderCell align="right">Row</HeaderCell>
                  <HeaderCell>Payment</HeaderCell>
                  <HeaderCell align="right">Amount</HeaderCell>
                  <HeaderCell>Dry run</HeaderCell>
                  <HeaderCell>Now</HeaderCell>
                </>
              }
            >
              <tbody role="rowgroup">
                {shown.map((r) => {
                  const outcome = rowOutcome(r, batch.status);
                  return (
                    <Row key={r.row}>
                      <Cell className="text-right text-slate-500 tabular-nums">{r.row}</Cell>
                      <Cell className="max-md:w-full">
                        {r.paymentId ? (
                          <a
                            href={`/transactions/${encodeURIComponent(r.paymentId)}`}
                            className="text-blue-700 hover:underline"
                          >
                            <Id>{r.paymentRef}</Id>
                          </a>
                        ) : (
                          <Id>{r.paymentRef || '(none)'}</Id>
                        )}
                      </Cell>
                      <Cell className="text-right">
                        {r.amountValue !== null && r.currency ? (
                          <Amount value={r.amountValue} currency={r.currency} />
                        ) : (
                          <span className="text-slate-500">{r.amountText || <None />}</span>
                        )}
                      </Cell>
                      <Cell>
                        <VerdictBadge verdict={r.verdict} />
                        {r.problem && <p className="mt-0.5 text-xs text-rose-800">{r.problem}</p>}
                      </Cell>
                      <Cell className="text-sm text-slate-700">
                        {r.verdict === 'REFUSED' || batch.status === 'DRY_RUN' ? (
                          <None label="not sent" />
                        ) : (
                          outcome.state
                        )}
                      </Cell>
                    </Row>
                  );
                })}
              </tbody>
            </DataTable>
          )}
          {more && (
            <div className="border-t border-slate-100 px-4 py-3 text-sm sm:px-5">
              <a
                href={link({ after: shown[shown.length - 1]!.row })}
                className="font-medium text-blue-700 hover:underline"
              >
                Next {PAGE} rows →
              </a>
            </div>
          )}
        </Section>
      </div>
    </>
  );
}
