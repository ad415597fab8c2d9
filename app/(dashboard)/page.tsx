import { waitingCount } from '@/lib/approvals';
import type { Metadata } from 'next';
import {
  ChartLegend,
  RefundVolumeChart,
  CHART_STATUSES,
  type ChartMetric,
} from '@/components/charts/refund-volume-chart';
import { GetForm } from '@/components/get-form';
import { PRIMARY_BUTTON, SelectField } from '@/components/form-controls';
import { PageHeader, Section } from '@/components/page-header';
import { REFUND_STATUS_WORDS } from '@/lib/refunds/states';
import { requireUser } from '@/lib/auth/session';
import { formatAmount, formatCount } from '@/lib/money';
import { timeZoneLabel } from '@/lib/format/time-zone';
import {
  getAttentionRefunds,
  getRefundVolume,
  lastDays,
  refundTotals,
  volumeSeries,
  WINDOWS,
  type OverviewWindow,
} from '@/lib/overview/queries';
import { appReports } from '@/lib/reports/app';
import { AttentionList, StatusTotalsGrid } from './overview-parts';
import { one, pick, type SearchParams } from './search-params';

export const metadata: Metadata = { title: 'Overview' };

const WINDOW_LABELS: Record<OverviewWindow, string> = { today: 'Today', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const RANGES = ['7', '30', '90'] as const;
const STATUS_WORDS = Object.fromEntries(CHART_STATUSES.map((s) => [s, REFUND_STATUS_WORDS[s].label])) as Record<
  (typeof CHART_STATUSES)[number],
  string
>;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('read');
  const params = await searchParams;
  const window = pick(one(params, 'window'), Object.keys(WINDOWS) as OverviewWindow[]) ?? '7d';
  const days = Number(pick(one(params, 'days'), RANGES) ?? '30');
  // One grouped query over max(days, 30) local days feeds both the 30-day totals and the chart.
  const [longest, attention, moneyDifferences, waiting] = await Promise.all([
    getRefundVolume(user, Math.max(days, WINDOWS['30d'])),
    getAttentionRefunds(user, 6),
    appReports.countOpenMoneyDifferences(user),
    waitingCount(user),
  ]);
  const overview = refundTotals(longest);
  const volume = lastDays(longest, days);
  const currency = pick(one(params, 'currency'), volume.currencies) ?? null;
  const metric: ChartMetric = currency ? { kind: 'amount', currency } : { kind: 'count' };
  const series = volumeSeries(volume, currency);
  const totals = overview.windows[window];
  const format = (v: number) => (currency ? formatAmount(v, currency) : formatCount(v));
  const chartLabel = `Refunds per day over the last ${days} days, stacked by status, ${currency ? `amounts in ${currency}` : 'counted over all currencies'}.`;

  return (
    <>
      <PageHeader
        title="Overview"
        description={<>Refunds at a glance. Days and times in {timeZoneLabel(overview.timeZone)}.</>}
      />

      {waiting > 0 && (
        <p className="mb-6 rounded-lg border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-950">
          <span className="font-semibold tabular-nums">{formatCount(waiting)}</span>{' '}
          {waiting === 1 ? 'refund waits' : 'refunds wait'} for a second person’s approval,{' '}
          {waiting === 1 ? 'its amount' : 'their amounts'} reserved.{' '}
          <a href="/approvals" className="font-medium text-violet-800 underline underline-offset-2">
            Waiting for approval
          </a>
        </p>
      )}

      <section aria-labelledby="totals-heading" className="mb-8">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="totals-heading" className="text-base font-semibold text-slate-900">
            Refunds by status · {formatCount(totals.count)} in {WINDOW_LABELS[window].toLowerCase()}
          </h2>
          <nav aria-label="Period" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-xs">
            {(Object.keys(WINDOWS) as OverviewWindow[]).map((w) => (
              <a
                key={w}
                href={`/?window=${w}${currency ? `&currency=${currency}` : ''}&days=${days}`}
                aria-current={w === window ? 'page' : undefined}
                className={`rounded px-3 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none ${
                  w === window ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'
                }`}
              >
                {WINDOW_LABELS[w]}
              </a>
            ))}
          </nav>
        </div>
        <StatusTotalsGrid totals={totals} />
        <p className="mt-2 text-xs text-slate-500">
          Amounts are totalled per currency and never added across currencies.
        </p>
      </section>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)]">
        <Section
          id="volume"
          title="Refund volume"
          description={
            currency
              ? `Refunded amounts in ${currency} per day, by status.`
              : 'Number of refunds per day, by status, all currencies.'
          }
          actions={
            <GetForm action="/#volume-heading" label="Chart options" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="window" value={window} />
              <SelectField
                id="chart-currency"
                name="currency"
                label="Show"
                value={currency ?? ''}
                options={[
                  { value: '', label: 'Count, all currencies' },
                  ...volume.currencies.map((c) => ({ value: c, label: `Amount in ${c}` })),
                ]}
                className="w-full sm:w-52"
              />
              <SelectField
                id="chart-days"
                name="days"
                label="Period"
                value={String(days)}
                options={RANGES.map((d) => ({ value: d, label: `${d} days` }))}
                className="w-32"
              />
              <button type="submit" className={PRIMARY_BUTTON}>
                Show
              </button>
            </GetForm>
          }
        >
          <figure className="px-2 pt-4 pb-3 sm:px-4">
            <RefundVolumeChart series={series} metric={metric} label={chartLabel} />
            <figcaption className="mt-3 flex flex-wrap items-center justify-between gap-3 px-2">
              <ChartLegend labels={STATUS_WORDS} />
              <details className="text-xs text-slate-600">
                <summary className="cursor-pointer font-medium text-blue-700 hover:underline">Show the numbers</summary>
                <div className="mt-2 max-h-72 overflow-auto rounded-md border border-slate-200">
                  {/* Cell padding and alignment once on the table: up to 90 days × 6 cells. */}
                  <table className="w-full text-xs tabular-nums [&_:is(td,th)]:px-2 [&_:is(td,th)]:py-1 [&_:is(td,th)]:whitespace-nowrap [&_td]:text-right">
                    <caption className="sr-only">{chartLabel}</caption>
                    <thead className="sticky top-0 bg-slate-50">
                      <tr>
                        <th scope="col" className="text-left font-medium">
                          Day
                        </th>
                        {CHART_STATUSES.map((s) => (
                          <th key={s} scope="col" className="text-right font-medium">
                            {STATUS_WORDS[s]}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {series.map((p) => (
                        <tr key={p.day}>
                          <th scope="row" className="text-left font-normal">
                            {p.day}
                          </th>
                          {CHART_STATUSES.map((s) => (
                            <td key={s}>{p.values[s] ? format(p.values[s]) : '·'}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </figcaption>
          </figure>
        </Section>

        <Section
          id="attention"
          title="Needs attention"
          description="Unknown outcomes, refunds stuck before or at Antom, and flagged conflicts."
        >
          {moneyDifferences.count > 0 && (
            <p className="mx-4 mt-4 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900 sm:mx-5">
              {moneyDifferences.count === 1
                ? "1 difference with Antom's reports touches money."
                : `${moneyDifferences.count} differences with Antom's reports touch money.`}{' '}
              <a
                href={`/reconciliation?from=${moneyDifferences.from}&to=${moneyDifferences.to}`}
                className="font-medium underline"
              >
                Open the reconciliation
              </a>
            </p>
          )}
          <AttentionList rows={attention.rows} more={attention.more} />
        </Section>
      </div>
    </>
  );
}
