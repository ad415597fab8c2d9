// Refund volume per day, stacked by status, drawn on the server as plain SVG with visx: the page
// ships no charting JavaScript. Text in an SVG scales with it, so instead of stretching one drawing
// there is one per breakpoint (phone, tablet, desktop), each laid out for its own width.
import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { BarStack } from '@visx/shape';
import { formatCompactAmount, formatCount } from '@/lib/money';
import type { VolumeSeries } from '@/lib/overview/queries';
import type { RefundStatus } from '@/lib/refunds/states';

/** Bottom to top (and in the legend): settled, moving, needs a look, not yet sent, failed. */
export const CHART_STATUSES: readonly RefundStatus[] = ['SUCCESS', 'PROCESSING', 'UNKNOWN', 'CREATED', 'FAILED'];

// Each at least 3:1 against white (WCAG non-text contrast); the numbers are also in a table.
export const STATUS_COLOURS: Record<RefundStatus, string> = {
  SUCCESS: '#059669', // emerald-600
  PROCESSING: '#2563eb', // blue-600
  CREATED: '#64748b', // slate-500
  UNKNOWN: '#d97706', // amber-600
  FAILED: '#e11d48', // rose-600
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

function Drawing({
  series,
  metric,
  size,
  label,
}: {
  series: VolumeSeries;
  metric: ChartMetric;
  size: Size;
  label: string;
}) {
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
  const data = series.map((p) => ({ day: p.day, ...p.values }));

  return (
    <svg
      viewBox={`0 0 ${size.width} ${size.height}`}
      width="100%"
      role="img"
      aria-label={label}
      className={`${size.className} h-auto`}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        {ticks.map((t) => (
          <line
            key={t}
            x1={0}
            x2={innerWidth}
            y1={y(t)}
            y2={y(t)}
            stroke="#e2e8f0"
            strokeDasharray={t === 0 ? undefined : '3 3'}
          />
        ))}
        <BarStack
          data={data}
          keys={[...CHART_STATUSES]}
          x={(d) => d.day}
          xScale={x}
          yScale={y}
          color={(k) => STATUS_COLOURS[k as RefundStatus]}
        >
          {(stacks) =>
            // One path per status, not a rect per bar: 90 days at three widths were 1,350 elements,
            // half the page's bytes (and the same again in the page's RSC payload).
            stacks.map((stack) => (
              <path
                key={stack.key}
                fill={stack.bars[0]?.color}
                d={stack.bars
                  .filter((bar) => bar.height > 0)
                  .map((bar) => `M${r(bar.x)} ${r(bar.y)}h${r(bar.width)}v${r(bar.height)}h${r(-bar.width)}z`)
                  .join('')}
              />
            ))
          }
        </BarStack>
        <AxisLeft
          scale={y}
          tickValues={ticks}
          tickFormat={(v) => tickFormat(Number(v))}
          hideAxisLine
          hideTicks
          tickComponent={PlainTick}
          tickLabelProps={{
            fill: '#64748b',
            fontSize: 11,
            fontFamily: 'inherit',
            textAnchor: 'end',
            dx: -6,
            dy: '0.33em',
          }}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={series.map((p) => p.day).filter((_, i) => (series.length - 1 - i) % labelEvery === 0)}
          tickFormat={(d) => dayLabel(String(d))}
          stroke="#cbd5e1"
          tickStroke="#cbd5e1"
          tickLength={4}
          tickComponent={PlainTick}
          tickLabelProps={{ fill: '#64748b', fontSize: 11, fontFamily: 'inherit', textAnchor: 'middle' }}
        />
      </Group>
    </svg>
  );
}

/**
 * A tick label as a plain SVG text. visx's default (@visx/text) wraps each label in an <svg> with a
 * style attribute, which the Content-Security-Policy refuses (no inline styles, proxy.ts).
 */
function PlainTick({ x, y, dx, dy, fill, fontSize, fontFamily, textAnchor, formattedValue }: TickRendererProps) {
  return (
    <text x={x} y={y} dx={dx} dy={dy} fill={fill} fontSize={fontSize} fontFamily={fontFamily} textAnchor={textAnchor}>
      {formattedValue}
    </text>
  );
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
        <Drawing key={size.width} series={series} metric={metric} size={size} label={label} />
      ))}
    </>
  );
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
