// Refund volume per day, stacked by status, drawn on the server as plain SVG (visx's scales): the
// page ships no charting JavaScript. Text in an SVG scales with it, so instead of stretching one drawing
// there is one per breakpoint (phone, tablet, desktop), each laid out for its own width.
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

interface Size {
  width: number;
  height: number;
  className: string;
}

const SIZES: Size[] = [
  { width: 340, height: 220, className: 'sm:hidden' },
  { width: 700, height: 260, className: 'hidden sm:block lg:hidden' },
  { width: 1120, height: 280, className: 'hidden lg:block' },
];

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
const LABEL = 'fill="#64748b" font-size="11" font-family="inherit"';

/**
 * One drawing as SVG markup. Written as a string, not as React elements: the page sends its element
 * tree twice (as HTML and as its RSC payload), and the ~600 elements of three drawings were the
 * overview's largest part and most of its render time. Every text in it is escaped.
 */
function drawing(series: VolumeSeries, metric: ChartMetric, size: Size): string {
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

export function RefundVolumeChart({
  series,
  metric,
  label,
}: {
  series: VolumeSeries;
  metric: ChartMetric;
  label: string;
}) {
  return (
    <>
      {SIZES.map((size) => (
        <svg
          key={size.width}
          viewBox={`0 0 ${size.width} ${size.height}`}
          width="100%"
          role="img"
          aria-label={label}
          className={`${size.className} h-auto`}
          dangerouslySetInnerHTML={{ __html: drawing(series, metric, size) }}
        />
      ))}
    </>
  );
}

/**
 * The chart's numbers as table rows (day, then one cell per status in CHART_STATUSES order), written as
 * markup for the same reason as the drawings: up to 90 rows × 8 cells would otherwise be the page's
 * largest element tree, sent twice. Every text in it is escaped.
 */
export function VolumeTableBody({ series, format }: { series: VolumeSeries; format: (value: number) => string }) {
  const rows = series.map(
    (p) =>
      `<tr><th scope="row" class="text-left font-normal">${esc(p.day)}</th>${CHART_STATUSES.map(
        (s) => `<td>${p.values[s] ? esc(format(p.values[s])) : '·'}</td>`,
      ).join('')}</tr>`,
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
