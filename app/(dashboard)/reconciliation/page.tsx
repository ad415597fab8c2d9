import type { Metadata } from 'next';
import { Badge } from '@/components/badge';
import { Cell, DataTable, HeaderCell, Row } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { DateRangeFields, FILTER_CARD, FilterButtons, SelectField } from '@/components/form-controls';
import { GetForm } from '@/components/get-form';
import { PageHeader, Section } from '@/components/page-header';
import { Amount, IdLink, None } from '@/components/values';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { DIFFERENCE_KINDS, DIFFERENCE_WORDS, type DifferenceKind } from '@/lib/reports';
import { appReports } from '@/lib/reports/app';
import type { SearchParams } from '../search-params';
import { readRange } from './range';
import { ActionButton } from '@/components/action-button';
import { reconcileAgainAction } from './actions';
import { UploadReport } from './upload-report';

export const metadata: Metadata = { title: 'Reconciliation' };

const SHOW = [
  { value: 'open', label: 'Open' },
  { value: 'explained', label: 'Explained' },
  { value: 'all', label: 'All' },
] as const;

export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('read');
  const { from, to, filter, errors } = readRange(await searchParams);
  const rec = await appReports.getReconciliation(user, { from, to, filter });
  const mayUpload = can(user.role, 'importReports');
  const currencies = [...new Set(rec.counts.map((c) => c.currency))].sort();
  const count = (kind: DifferenceKind | 'MATCHED', currency: string) =>
    rec.counts.find((c) => c.kind === kind && c.currency === currency);
  const query = `from=${from}&to=${to}`;

  return (
    <>
      <PageHeader
        title="Reconciliation"
        description={
          <>
            This dashboard against Antom&apos;s transaction and settlement reports, per report day (UTC): {from} to {to}
            .
          </>
        }
        actions={
          <a
            href={`/reconciliation/export?${query}`}
            className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Export CSV
          </a>
        }
      />
      {mayUpload && (
        <div className={FILTER_CARD}>
          <h2 className="mb-2 text-base font-semibold text-slate-900">Upload a report</h2>
          <p className="mb-3 text-sm text-slate-600">
            A transaction details or settlement details report from Antom Dashboard or its SFTP server. The same file
            twice changes nothing; a later file for the same day replaces the earlier one.
          </p>
          <UploadReport />
        </div>
      )}
      <GetForm action="/reconciliation" label="Choose the days" className={FILTER_CARD}>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <DateRangeFields values={{ from, to }} errors={errors} fromLabel="From" toLabel="To" />
          <SelectField id="show" label="Show" value={filter} options={[...SHOW]} />
        </div>
        <FilterButtons clearHref="/reconciliation" className="mt-4 flex justify-end gap-2" />
      </GetForm>

      <Section
        id="counts"
        title="Counts"
        description="Per kind and currency; open + explained."
        actions={
          mayUpload ? (
            // Our refunds move on after a report was imported (a refund Antom's report lacks is
            // flagged only from T+2), so the differences are worth finding again.
            <ActionButton
              action={reconcileAgainAction}
              fields={{ from, to }}
              stepUpId="reconcile-step-up"
              busy="Reconciling…"
            >
              Reconcile these days again
            </ActionButton>
          ) : undefined
        }
      >
        {currencies.length === 0 ? (
          <EmptyState title="No report imported for these days" />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">Differences per kind and currency</caption>
              <thead className="bg-slate-50/80 text-xs text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2 text-left font-medium sm:px-5">
                    Kind
                  </th>
                  {currencies.map((c) => (
                    <th key={c} scope="col" className="px-3 py-2 text-right font-medium">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {(['MATCHED', ...DIFFERENCE_KINDS] as const).map((kind) => (
                  <tr key={kind} data-kind={kind}>
                    <th scope="row" className="px-4 py-2 text-left font-medium text-slate-700 sm:px-5">
                      {kind === 'MATCHED' ? 'Matched' : DIFFERENCE_WORDS[kind].label}
                    </th>
                    {currencies.map((c) => {
                      const n = count(kind, c);
                      return (
                        <td key={c} className="px-3 py-2 text-right tabular-nums">
                          {n ? n.open + n.explained : 0}
                          {n && n.explained > 0 && (
                            <span className="text-xs text-slate-500"> ({n.explained} explained)</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <div className="mt-6">
        <Section
          id="differences"
          title={
            filter === 'open' ? 'Open differences' : filter === 'explained' ? 'Explained differences' : 'Differences'
          }
          description={rec.more ? `The first ${rec.rows.length}; export CSV for all.` : `${rec.rows.length} shown`}
        >
          {rec.rows.length === 0 ? (
            <EmptyState
              title={filter === 'open' ? 'Nothing open: every difference is explained or none was found' : 'None'}
            />
          ) : (
            <DataTable
              caption="Differences"
              headings={
                <>
                  <HeaderCell>Day</HeaderCell>
                  <HeaderCell>Difference</HeaderCell>
                  <HeaderCell>Payment / refund</HeaderCell>
                  <HeaderCell align="right">Ours</HeaderCell>
                  <HeaderCell align="right">Antom</HeaderCell>
                  <HeaderCell>What it means</HeaderCell>
                  <HeaderCell>
                    <span className="sr-only">Open</span>
                  </HeaderCell>
                </>
              }
            >
              <tbody role="rowgroup">
                {rec.rows.map((d) => (
                  <Row key={d.id}>
                    <Cell className="whitespace-nowrap text-slate-600 tabular-nums">{d.day}</Cell>
                    <Cell>
                      <span className="flex flex-wrap gap-1">
                        <Badge tone={d.touchesMoney ? 'red' : d.flagged ? 'amber' : 'slate'}>
                          {DIFFERENCE_WORDS[d.kind].label}
                        </Badge>
                        {d.touchesMoney && <Badge tone="red">Money</Badge>}
                        {!d.flagged && <Badge tone="slate">Before T+2</Badge>}
                        {d.explainedAt && <Badge tone="green">Explained</Badge>}
                      </span>
                    </Cell>
                    <Cell>
                      <span className="flex flex-col gap-0.5">
                        {d.paymentId ? <IdLink to="payment" id={d.paymentId} /> : <None label="no payment" />}
                        {d.refundRequestId && <IdLink to="refund" id={d.refundRequestId} />}
                      </span>
                    </Cell>
                    <Cell className="text-right">
                      <span className="text-xs text-slate-500 md:hidden">Ours </span>
                      {d.oursValue !== null ? <Amount value={d.oursValue} currency={d.currency} /> : <None />}
                      {d.oursStatus && <span className="block text-xs text-slate-500">{d.oursStatus}</span>}
                    </Cell>
                    <Cell className="text-right">
                      <span className="text-xs text-slate-500 md:hidden">Antom </span>
                      {d.antomValue !== null ? <Amount value={d.antomValue} currency={d.currency} /> : <None />}
                      {d.antomStatus && <span className="block text-xs text-slate-500">{d.antomStatus}</span>}
                    </Cell>
                    <Cell className="max-w-md text-sm text-slate-700">{d.detail}</Cell>
                    <Cell>
                      <a
                        href={`/reconciliation/differences/${d.id}`}
                        className="text-sm font-medium text-blue-700 hover:underline"
                        aria-label={`Open difference: ${DIFFERENCE_WORDS[d.kind].label} ${d.refundRequestId ?? d.paymentId ?? ''}`}
                      >
                        Open
                      </a>
                    </Cell>
                  </Row>
                ))}
              </tbody>
            </DataTable>
          )}
        </Section>
      </div>

      <div className="mt-6">
        <Section id="reports" title="Reports imported for these days">
          {rec.reports.length === 0 ? (
            <EmptyState title="None yet" />
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {rec.reports.map((r) => (
                <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2 sm:px-5">
                  <a
                    href={`/reconciliation?from=${r.reportDate}&to=${r.reportDate}`}
                    className="font-mono text-[13px] break-all text-blue-700 hover:underline"
                    title="Reconciliation of this report's day"
                  >
                    {r.fileName}
                  </a>
                  <span className="text-slate-600">
                    {r.kind === 'SETTLEMENT' ? 'Settlement' : 'Transactions'} of {r.reportDate}, {r.rowCount} rows
                    {r.unknownTypeCount > 0 && `, ${r.unknownTypeCount} of other types`}
                  </span>
                  {r.changes && (
                    <span className="text-slate-600">
                      replaced an earlier file: {r.changes.added} added, {r.changes.removed} removed,{' '}
                      {r.changes.changed} changed
                    </span>
                  )}
                  {r.superseded && <Badge tone="slate">Superseded</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </>
  );
}
