import { waitingCount } from '@/lib/approvals';
import type { Metadata } from 'next';
import { createHash } from 'node:crypto';
import {
  ChartLegend,
  chartMetric,
  RefundVolumeChart,
  tableStatuses,
  VolumeTableBody,
  CHART_STATUSES,
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
  periodTotals,
  PERIODS,
  volumeSeries,
  type OverviewPeriod,
} from '@/lib/overview/queries';
import { appReports } from '@/lib/reports/app';
import { AttentionList, StatusTotalsGrid } from './overview-parts';
import { overviewParams, type SearchParams } from './search-params';

export const metadata: Metadata = { title: 'Overview' };

const PERIOD_LABELS: Record<OverviewPeriod, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
};
/** The control's own words: short enough that all four fit one row of a 390 px phone. */
const PERIOD_BUTTONS: Record<OverviewPeriod, string> = {
  today: 'Today',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
};
const PERIOD_KEYS = Object.keys(PERIODS) as OverviewPeriod[];
const STATUS_WORDS = Object.fromEntries(CHART_STATUSES.map((s) => [s, REFUND_STATUS_WORDS[s].label])) as Record<
  (typeof CHART_STATUSES)[number],
  string
>;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser('read');
  // One period for the cards and the chart: one grouped query over its local days feeds both.
  const { period, currency: asked } = overviewParams(await searchParams);
  const [volume, attention, moneyDifferences, waiting] = await Promise.all([
    getRefundVolume(user, PERIODS[period], undefined, asked),
    getAttentionRefunds(user, 6),
    appReports.countOpenMoneyDifferences(user),
    waitingCount(user),
  ]);
  const totals = periodTotals(volume);
  const currency = volume.amountsIn;
  const series = volumeSeries(volume);
  const shownStatuses = tableStatuses(series);
  // The image's address carries a hash of what it draws: cached by the browser until the numbers change.
  const drawn = createHash('sha256')
    .update(JSON.stringify([series, chartMetric(currency)]))
    .digest('base64url')
    .slice(0, 16);
  const chartSrc = (size: string) =>
    `/volume-chart?period=${period}${currency ? `&currency=${currency}` : ''}&size=${size}&v=${drawn}`;
  const format = (v: number) => (currency ? formatAmount(v, currency) : formatCount(v));
  const periodWords = PERIOD_LABELS[period].toLowerCase();
  const chartLabel = `Refunds per day, ${periodWords}, stacked by status, ${currency ? `amounts in ${currency}` : 'counted over all currencies'}.`;
  const periodHref = (p: OverviewPeriod) => `/?period=${p}${currency ? `&currency=${currency}` : ''}`;

  return (
    <>
      <PageHeader
        title="Overview"
        description={<>Refunds at a glance. Days and times in {timeZoneLabel(volume.timeZone)}.</>}
        actions={
          <nav
            aria-label="Period"
            className="inline-flex flex-wrap rounded-md border border-slate-300 bg-white p-0.5 shadow-xs"
          >
            {PERIOD_KEYS.map((p) => (
              <a
                key={p}
                href={periodHref(p)}
                aria-current={p === period ? 'page' : undefined}
                className={`rounded px-3 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none ${
                  p === period ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'
                }`}
              >
                {PERIOD_BUTTONS[p]}
              </a>
            ))}
          </nav>
        }
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
        <h2 id="totals-heading" className="mb-3 text-base font-semibold text-slate-900">
          Refunds by status · {formatCount(totals.count)} in {periodWords}
        </h2>
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
              ? `Refunded amounts in ${currency} per day, by status, ${periodWords}.`
              : `Number of refunds per day, by status, all currencies, ${periodWords}.`
          }
          actions={
            <GetForm action="/#volume-heading" label="Chart options" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="period" value={period} />
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
              <button type="submit" className={PRIMARY_BUTTON}>
                Show
              </button>
            </GetForm>
          }
        >
          <figure className="px-2 pt-4 pb-3 sm:px-4">
            <RefundVolumeChart src={chartSrc} label={chartLabel} />
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
                        {shownStatuses.map((s) => (
                          <th key={s} scope="col" className="text-right font-medium">
                            {STATUS_WORDS[s]}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <VolumeTableBody series={series} statuses={shownStatuses} format={format} />
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
