// The reconciliation's range of days from the URL (untrusted): YYYY-MM-DD, inclusive, at most a year.
// Without one: the last 31 days, ending today (UTC, as Antom's report days are kept).
import { one, type SearchParams } from '../search-params';

export type Filter = 'open' | 'explained' | 'all';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const valid = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const shift = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function readRange(params: SearchParams): {
  from: string;
  to: string;
  filter: Filter;
  errors: { from?: string; to?: string };
} {
  const today = new Date().toISOString().slice(0, 10);
  const errors: { from?: string; to?: string } = {};
  let to = one(params, 'to');
  let from = one(params, 'from');
  if (to && !valid(to)) {
    errors.to = 'Enter a date as YYYY-MM-DD.';
    to = '';
  }
  if (from && !valid(from)) {
    errors.from = 'Enter a date as YYYY-MM-DD.';
    from = '';
  }
  to ||= from || today;
  from ||= shift(to, -30);
  if (from > to) {
    errors.from = 'From must not be after To.';
    from = to;
  }
  if (shift(from, 366) < to) {
    errors.from = 'At most a year at a time.';
    from = shift(to, -366);
  }
  const f = one(params, 'show');
  const filter: Filter = f === 'explained' || f === 'all' ? f : 'open';
  return { from, to, filter, errors };
}
