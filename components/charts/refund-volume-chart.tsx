// Refund volume per day, stacked by status, drawn on the server as plain SVG (visx's scales): the
// page ships no charting JavaScript. Text in an SVG scales with it, so instead of stretching one drawing
// there is one per breakpoint (phone, tablet, desktop), each laid out for its own width.
//
// Why an image (app/(dashboard)/volume-chart) rather than SVG in the page: a page sends its markup twice
// (as HTML and as its RSC payload), and the three drawings were a third of the overview at 90 days
// (28 KB, twice). As an image the browser fetches the one drawing its width shows, and keeps it while
// the numbers stay the same (its address carries their hash).
import { scaleBand, scaleLinear } from '@visx/scale';
import { formatCompactAmount, formatCount } from '@/lib/money';
import type { VolumeSeries } from '@/lib/overview/queries';
import type { RefundStatus } from '@/lib/refunds/states';

/** Bottom to top (and in the legend): settled, moving, needs a look, not yet sent, waiting for approval, failed, cancelled. */
export const CHART_STATUSES: readonly RefundStatus[] = [
  'SUCCESS',
  'PROCESSING',
  'UNKNOWN',
  'CREATED',
  'PENDING_APPROVAL',
  'FAILED',
  'CANCELLED',
];

// Each at least 3:1 against white (WCAG non-text contrast); the numbers are also in a table.
export const STATUS_COLOURS: Record<RefundStatus, string> = {
  SUCCESS: '#059669', // emerald-600
  PROCESSING: '#2563eb', // blue-600
  CREATED: '#64748b', // slate-500
  UNKNOWN: '#d97706', // amber-600
  FAILED: '#e11d48', // rose-600
  PENDING_APPROVAL: '#7c3aed', // violet-600
  CANCELLED: '#78716c', // stone-500
};

export type ChartMetric = { kind: 'count' } | { kind: 'amount'; currency: string };

export interface ChartSize {
  name: 'sm' | 'md' | 'lg';
  width: number;
  height: number;
  /** Where the page shows it: Tailwind's sm (640 px) and lg (1024 px) breakpoints. */
  media: string | null;
}

/** Widest first: a `<picture>` takes the first source whose media query matches. */
export const CHART_SIZES: readonly ChartSize[] = [
  { name: 'lg', width: 1120, height: 280, media: '(min-width: 1024px)' },
  { name: 'md', width: 700, height: 260, media: '(min-width: 640px)' },
  { name: 'sm', width: 340, height: 220, media: null },
];

/** The chart's metric: amounts in the currency the volume has them in, or else counts. */
export const chartMetric = (amountsIn: string | null): ChartMetric =>
  amountsIn ? { kind: 'amount', currency: amountsIn } : { kind: 'count' };

const MARGIN = { top: 12, right: 24, bottom: 28, left: 64 };

/** Coordinates to a tenth of a unit: finer than any screen shows, and a third of the digits. */
const r = (n: number) => Math.round(n * 10) / 10;

// Made once: an Intl formatter costs ~100x a call to one, and each drawing labels up to 90 days.
const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return DAY_LABEL.format(new Date(Date.UTC(y, m - 1, d)));
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const LABEL = 'fill="#64748b" font-size="11"';

/** One drawing's contents as SVG markup (a string: it is an image's whole body). Every text in it is escaped. */
function drawing(series: VolumeSeries, metric: ChartMetric, size: ChartSize): string {
  const innerWidth = size.width - MARGIN.left - MARGIN.right;
  const innerHeight = size.height - MARGIN.top - MARGIN.bottom;
  const totals = series.map((p) => CHART_STATUSES.reduce((sum, s) => sum + p.values[s], 0));
  const max = Math.max(1, ...totals);
  const x = scaleBand<string>({ domain: series.map((p) => p.day), range: [0, innerWidth], padding: 0.25 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  // Whole units only: a count of 2.5 refunds, or a tick at half a cent, means nothing.
  const ticks = y.ticks(4).filter((t) => Number.isInteger(t));
  const labelEvery = Math.max(1, Math.ceil(series.length / Math.floor(innerWidth / 56)));
  const tickFormat = (v: number) =>
    metric.kind === 'count' ? formatCount(v) : formatCompactAmount(v, metric.currency);
  const width = r(x.bandwidth());
  const out: string[] = [`<g transform="translate(${MARGIN.left}, ${MARGIN.top})">`];
  for (const t of ticks) {
    const dash = t === 0 ? '' : ' stroke-dasharray="3 3"';
    out.push(`<line x1="0" x2="${innerWidth}" y1="${r(y(t))}" y2="${r(y(t))}" stroke="#e2e8f0"${dash}></line>`);
  }
  // Stacked bottom to top in CHART_STATUSES order; one path per status, each bar's part a vertical
  // stroke as wide as the band ("M x top v height": half the bytes of a filled rectangle's outline,
  // and at 90 days the drawings are most of the page).
  const below = series.map(() => 0);
  for (const status of CHART_STATUSES) {
    let d = '';
    series.forEach((p, i) => {
      const value = p.values[status];
      if (value <= 0) return;
      const top = r(y(below[i]! + value));
      const height = r(y(below[i]!) - y(below[i]! + value));
      below[i]! += value;
      if (height > 0) d += `M${r(x(p.day)! + x.bandwidth() / 2)} ${top}v${height}`;
    });
    if (d) out.push(`<path stroke="${STATUS_COLOURS[status]}" stroke-width="${width}" d="${d}"></path>`);
  }
  for (const t of ticks) {
    out.push(`<text x="-6" y="${r(y(t))}" dy="0.33em" text-anchor="end" ${LABEL}>${esc(tickFormat(t))}</text>`);
  }
  out.push(`<line x1="0" x2="${innerWidth}" y1="${innerHeight}" y2="${innerHeight}" stroke="#cbd5e1"></line>`);
  series.forEach((p, i) => {
    if ((series.length - 1 - i) % labelEvery !== 0) return;
    const cx = r(x(p.day)! + x.bandwidth() / 2);
    out.push(
      `<line x1="${cx}" x2="${cx}" y1="${innerHeight}" y2="${innerHeight + 4}" stroke="#cbd5e1"></line>`,
      `<text x="${cx}" y="${innerHeight + 16}" text-anchor="middle" ${LABEL}>${esc(dayLabel(p.day))}</text>`,
    );
  });
  out.push('</g>');
  return out.join('');
}

/** One drawing as an SVG document, for the chart's image route. */
export function volumeChartSvg(series: VolumeSeries, metric: ChartMetric, size: ChartSize): string {
  // An image does not inherit the page's font: the system's sans-serif, as Tailwind's default stack starts.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" ` +
    `height="${size.height}" font-family="ui-sans-serif, system-ui, sans-serif">${drawing(series, metric, size)}</svg>`
  );
}

/** The chart as an image per breakpoint; `src` is the image route's address for one size. */
export function RefundVolumeChart({ src, label }: { src: (size: ChartSize['name']) => string; label: string }) {
  const smallest = CHART_SIZES[CHART_SIZES.length - 1]!;
  return (
    <picture>
      {CHART_SIZES.map((size) =>
        size.media ? (
          <source key={size.name} media={size.media} srcSet={src(size.name)} width={size.width} height={size.height} />
        ) : null,
      )}
      {/* A plain img: next/image neither serves a route's SVG nor chooses a drawing by media query. */}
      <img
        src={src(smallest.name)}
        alt={label}
        width={smallest.width}
        height={smallest.height}
        className="h-auto w-full"
      />
    </picture>
  );
}

/** The statuses the table shows: those with refunds in the series (a column of dots says nothing). */
export function tableStatuses(series: VolumeSeries): RefundStatus[] {
  const shown = CHART_STATUSES.filter((s) => series.some((p) => p.values[s] > 0));
  return shown.length ? shown : ['SUCCESS'];
}

/**
 * The chart's numbers as table rows (day, then one cell per status of `statuses`), written as markup:
 * up to 90 rows × 8 cells would otherwise be the page's largest element tree, sent twice (as HTML and
 * as its RSC payload). Every text in it is escaped.
 */
export function VolumeTableBody({
  series,
  statuses,
  format,
}: {
  series: VolumeSeries;
  statuses: readonly RefundStatus[];
  format: (value: number) => string;
}) {
  const rows = series.map(
    (p) =>
      `<tr><th scope="row" class="text-left font-normal">${esc(p.day)}</th>${statuses
        .map((s) => `<td>${p.values[s] ? esc(format(p.values[s])) : '·'}</td>`)
        .join('')}</tr>`,
  );
  return <tbody className="divide-y divide-slate-100" dangerouslySetInnerHTML={{ __html: rows.join('') }} />;
}

export function ChartLegend({ labels }: { labels: Record<RefundStatus, string> }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
      {CHART_STATUSES.map((s) => (
        <li key={s} className="flex items-center gap-1.5">
          <svg aria-hidden="true" className="size-2.5" viewBox="0 0 10 10">
            {/* A fill attribute, not a style attribute: the CSP allows no inline styles. */}
            <rect width="10" height="10" rx="2" fill={STATUS_COLOURS[s]} />
          </svg>
          {labels[s]}
        </li>
      ))}
    </ul>
  );
}
