// Reading list filters from the URL. Every value is untrusted text: unknown words, impossible
// dates and amounts with too many decimals become messages for the person, never exceptions.
import { merchantTimeZone, addDays, isLocalDate, startOfLocalDay } from '@/lib/format/time-zone';
import type { PageRequest } from '@/lib/pagination/keyset';
import { PERIODS, type OverviewPeriod } from '@/lib/overview/periods';

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter, trimmed; '' when absent. */
export function one(params: SearchParams, name: string): string {
  const v = params[name];
  return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) ?? '';
}

export function pageRequest(params: SearchParams, limit?: number): PageRequest {
  const after = one(params, 'after');
  const before = one(params, 'before');
  if (before) return { direction: 'before', cursor: before, limit };
  if (after) return { direction: 'after', cursor: after, limit };
  return { direction: 'first', limit };
}

export function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * The overview's period (the last 30 days unless another is asked) and the currency asked for its
 * chart: only a filter value (a bound parameter), or null; the volume says whether it was refunded.
 * Read alike by the page and by its chart's image route.
 */
export function overviewParams(params: SearchParams): { period: OverviewPeriod; currency: string | null } {
  const asked = one(params, 'currency').toUpperCase();
  return {
    period: pick(one(params, 'period'), Object.keys(PERIODS) as OverviewPeriod[]) ?? '30d',
    currency: /^[A-Z]{3}$/.test(asked) ? asked : null,
  };
}

/**
 * A from/to pair of local calendar days (inclusive) as instants in the merchant's zone:
 * from = that day's first instant, to = the next day's first instant (exclusive).
 */
export function dateRange(fromText: string, toText: string, timeZone = merchantTimeZone()) {
  const errors: { from?: string; to?: string } = {};
  let from: Date | undefined;
  let to: Date | undefined;
  if (fromText) {
    if (isLocalDate(fromText)) from = startOfLocalDay(fromText, timeZone);
    else errors.from = 'Enter a date as YYYY-MM-DD.';
  }
  if (toText) {
    if (isLocalDate(toText)) to = startOfLocalDay(addDays(toText, 1), timeZone);
    else errors.to = 'Enter a date as YYYY-MM-DD.';
  }
  if (from && to && from >= to) {
    errors.to = 'The end date is before the start date.';
    to = undefined;
  }
  return { from, to, errors };
}

/** The filter values to carry into pagination links (cursor parameters dropped). */
export function carried(values: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

/**
 * A page's id from its path segment, as Next.js hands it over (still percent-encoded): decoded once,
 * or null for a malformed or impossible one (a bad escape, a NUL, longer than any id), which the
 * page answers with 404 rather than a crash.
 */
export function idFromPath(segment: string): string | null {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return id.length > 0 && id.length <= 64 && !id.includes('\0') ? id : null;
}
