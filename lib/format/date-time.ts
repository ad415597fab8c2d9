// Instants as the merchant's staff read them: in the merchant's time zone, 24-hour clock, days as
// YYYY-MM-DD: the one format of the date filters (typed as YYYY-MM-DD), the URLs and the CSV, and
// never ambiguous like "03/04". Formatting happens here, at the edge; queries and props carry Date
// objects.
import { merchantTimeZone, zoneOffsetMs } from './time-zone';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${timeZone}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    formatters.set(id, f);
  }
  return f;
}

/** "2026-11-22": the merchant's day, as the date filters take it. */
export function formatDate(date: Date, timeZone = merchantTimeZone()): string {
  return new Date(date.getTime() + zoneOffsetMs(date, timeZone)).toISOString().slice(0, 10);
}

/** "14:05:09" (or "14:05" without seconds) */
export function formatTime(date: Date, { seconds = true } = {}, timeZone = merchantTimeZone()): string {
  return formatter(seconds ? 'time-s' : 'time', timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(date);
}

/** "2026-11-22 14:05:09" (as in the CSV) */
export function formatDateTime(date: Date, { seconds = true } = {}, timeZone = merchantTimeZone()): string {
  return `${formatDate(date, timeZone)} ${formatTime(date, { seconds }, timeZone)}`;
}

/** "14:05:09.123": for timelines, where calls milliseconds apart must read in order. */
export function formatTimeMs(date: Date, timeZone = merchantTimeZone()): string {
  return `${formatTime(date, { seconds: true }, timeZone)}.${String(date.getUTCMilliseconds()).padStart(3, '0')}`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "5 minutes ago", "yesterday", "in 2 hours": coarse, for "how long has this been stuck". */
export function formatRelative(date: Date, now = new Date()): string {
  let value = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return relative.format(Math.round(value), 'year');
}

/**
 * "2026-11-22 14:05:09": the merchant's wall clock to the second, for CSV. Excel and Google Sheets
 * both read this form as a date and time (ISO 8601's "T" and offset they keep as text); the zone is
 * the merchant's (README, "CSV exports"). Milliseconds are cut, never rounded into the next second.
 */
export function formatCsvTime(date: Date, timeZone = merchantTimeZone()): string {
  const local = new Date(date.getTime() + zoneOffsetMs(date, timeZone)).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

/** "2026-11-22T14:05:09.123+08:00": ISO 8601 in the merchant's zone, with its offset (for CSV). */
export function formatIsoLocal(date: Date, timeZone = merchantTimeZone()): string {
  const offset = zoneOffsetMs(date, timeZone);
  // The local wall clock is the UTC clock of the instant shifted by the offset: no Intl per call.
  const local = new Date(date.getTime() + offset).toISOString().slice(0, 23);
  const minutes = Math.round(offset / 60_000);
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
