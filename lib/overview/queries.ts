// Reads for the overview: for one period (today, the last 7, 30 or 90 days), refunds by status with
// their amounts per currency and the daily refund volume for the chart; and the refunds that need a
// person. Days are calendar days in the merchant's time zone. Amounts are summed per currency, never
// across. One read of the stored daily sums (volume.ts) feeds both the totals and the chart, so the
// cards and the chart always cover the same days.
import 'server-only';
import { cache } from 'react';
import { authorize, type Actor } from '../auth/roles';
import { addToTotals, fromBigInt, totalsList, type Money } from '../money';
import { addDays, localDateOf, merchantTimeZone, startOfLocalDay } from '../format/time-zone';
import { readRefundVolumeSummary } from './volume';
import { listRefunds, type RefundListRow } from '../refunds/read/list';
import { REFUND_STATUSES, type RefundStatus } from '../refunds/states';

export { PERIODS, type OverviewPeriod } from './periods';

export interface StatusTotals {
  status: RefundStatus;
  count: number;
  /** Per currency, alphabetical; only currencies with refunds in this status. */
  amounts: Money[];
}

export interface PeriodTotals {
  /** First instant of the period: local midnight, `days - 1` days before today. */
  since: Date;
  count: number;
  byStatus: StatusTotals[];
}

/** One (day, status) of the chart: refunds over all currencies, and their amount in the chosen currency. */
export interface DayPoint {
  day: string;
  status: RefundStatus;
  count: number;
  /** In `RefundVolume.amountsIn`; null when no currency was chosen. */
  amountValue: number | null;
}

/** One (status, currency) of the period's totals. */
export interface CurrencyTotal {
  status: RefundStatus;
  currency: string;
  count: number;
  amountValue: number;
}

export interface RefundVolume {
  timeZone: string;
  /** Every local day of the range, oldest first, including days without refunds. */
  days: string[];
  /** Currencies refunded in the range, most refunds first. */
  currencies: string[];
  /** The currency asked for, when it was refunded in the range: the chart's amounts are in it. */
  amountsIn: string | null;
  byDay: DayPoint[];
  byCurrency: CurrencyTotal[];
}

/**
 * Refunds per local day and status, and per status and currency, over the last `days` days (today
 * included); with `currency`, each day's amounts in it as well.
 */
export const getRefundVolume = cache(
  async (
    viewer: Actor,
    days: number,
    now: Date = new Date(),
    currency: string | null = null,
  ): Promise<RefundVolume> => {
    authorize(viewer, 'read');
    if (!Number.isInteger(days) || days < 1 || days > 366) throw new RangeError(`days must be 1..366, got ${days}`);
    const timeZone = merchantTimeZone();
    const today = localDateOf(now, timeZone);
    const rows = await readRefundVolumeSummary(timeZone, addDays(today, 1 - days), today, currency);
    const byDay: DayPoint[] = [];
    const byCurrency: CurrencyTotal[] = [];
    for (const r of rows) {
      if (r.day !== null)
        byDay.push({
          day: r.day,
          status: r.status,
          count: fromBigInt(r.count),
          amountValue: r.chosenAmount === null ? null : fromBigInt(r.chosenAmount),
        });
      else
        byCurrency.push({
          status: r.status,
          currency: r.currency!,
          count: fromBigInt(r.count),
          amountValue: fromBigInt(r.amount),
        });
    }
    const perCurrency = new Map<string, number>();
    for (const t of byCurrency) perCurrency.set(t.currency, (perCurrency.get(t.currency) ?? 0) + t.count);
    const currencies = [...perCurrency.entries()]
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .map(([c]) => c);
    return {
      timeZone,
      days: Array.from({ length: days }, (_, i) => addDays(today, i + 1 - days)),
      currencies,
      amountsIn: currency && currencies.includes(currency) ? currency : null,
      byDay,
      byCurrency,
    };
  },
);

export type VolumeSeries = { day: string; values: Record<RefundStatus, number> }[];

/**
 * The chart's series: with amounts (`volume.amountsIn`), that currency's refunded amounts (minor
 * units); without, refund counts over all currencies (counts add up across currencies, amounts do not).
 */
export function volumeSeries(volume: RefundVolume): VolumeSeries {
  const empty = () => Object.fromEntries(REFUND_STATUSES.map((s) => [s, 0])) as Record<RefundStatus, number>;
  const byDay = new Map(volume.days.map((day) => [day, empty()]));
  for (const p of volume.byDay) {
    const values = byDay.get(p.day);
    if (values) values[p.status] += volume.amountsIn ? (p.amountValue ?? 0) : p.count;
  }
  return volume.days.map((day) => ({ day, values: byDay.get(day)! }));
}

/** Refunds by status over every day of `volume`, per currency. */
export function periodTotals(volume: RefundVolume): PeriodTotals {
  const byStatus = REFUND_STATUSES.map((status): StatusTotals => {
    const sums = new Map<string, number>();
    let count = 0;
    for (const t of volume.byCurrency) {
      if (t.status !== status) continue;
      count += t.count;
      addToTotals(sums, t.currency, t.amountValue);
    }
    return { status, count, amounts: totalsList(sums) };
  });
  return {
    since: startOfLocalDay(volume.days[0]!, volume.timeZone),
    count: byStatus.reduce((n, s) => n + s.count, 0),
    byStatus,
  };
}

/** The most recent refunds that need a person, for the overview's list. */
export async function getAttentionRefunds(viewer: Actor, limit = 8): Promise<{ rows: RefundListRow[]; more: boolean }> {
  const page = await listRefunds(viewer, { status: 'ATTENTION' }, { direction: 'first', limit });
  return { rows: page.rows, more: page.nextCursor !== null };
}
