// The merchant's time zone (MERCHANT_TIME_ZONE, an IANA name; Asia/Singapore when unset) and the
// calendar arithmetic the dashboard needs in it: where a local day starts, and which local day an
// instant falls on. Plain Intl, no date library: offsets come from the runtime's tz database.
import { env } from '../env';

/** MERCHANT_TIME_ZONE, checked once (lib/env.ts): a typo stops start-up with one line. */
export function merchantTimeZone(): string {
  return env().MERCHANT_TIME_ZONE;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(date: Date, timeZone: string) {
  const get = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value);
  const parts = partsFormatter(timeZone).formatToParts(date);
  return {
    year: get(parts, 'year'),
    month: get(parts, 'month'),
    day: get(parts, 'day'),
    hour: get(parts, 'hour'),
    minute: get(parts, 'minute'),
    second: get(parts, 'second'),
  };
}

const QUARTER_HOUR = 15 * 60_000;
const offsetCaches = new Map<string, Map<number, number>>();

/**
 * Milliseconds the zone is ahead of UTC at this instant (+8 h for Singapore). Every offset and
 * every transition of the tz database since 1970 falls on a quarter hour of UTC, so the offset is
 * looked up once per zone and quarter hour (the CSV export formats hundreds of thousands of times).
 */
export function zoneOffsetMs(date: Date, timeZone: string): number {
  const bucket = Math.floor(date.getTime() / QUARTER_HOUR) * QUARTER_HOUR;
  let cache = offsetCaches.get(timeZone);
  if (!cache) offsetCaches.set(timeZone, (cache = new Map()));
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const w = wallClock(new Date(bucket), timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - bucket;
    if (cache.size > 100_000) cache.clear(); // two years of quarter hours is 70,000
    cache.set(bucket, offset);
  }
  return offset;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(text: string): boolean {
  const m = YMD.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The instant a local calendar day ("2026-11-22") starts in the zone. Handles DST days. */
export function startOfLocalDay(localDate: string, timeZone: string): Date {
  const m = YMD.exec(localDate);
  if (!m || !isLocalDate(localDate)) throw new RangeError(`Not a calendar date: ${localDate}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Guess with the offset at the wall time read as UTC, then correct once for a DST change between.
  const first = wall - zoneOffsetMs(new Date(wall), timeZone);
  const second = wall - zoneOffsetMs(new Date(first), timeZone);
  return new Date(second);
}

/** The local calendar day ("2026-11-22") an instant falls on in the zone. */
export function localDateOf(date: Date, timeZone: string): string {
  const w = wallClock(date, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Calendar arithmetic on "YYYY-MM-DD", zone-free. */
export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const offsetLabelFormatters = new Map<string, Intl.DateTimeFormat>();

/** "GMT+8" for Singapore; the offset at the given instant (DST zones change it). */
export function zoneOffsetLabel(timeZone: string, at = new Date()): string {
  let f = offsetLabelFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' });
    offsetLabelFormatters.set(timeZone, f);
  }
  const part = f.formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Asia/Singapore (GMT+8)": what every page says its times are in. */
export function timeZoneLabel(timeZone = merchantTimeZone(), at = new Date()): string {
  return `${timeZone} (${zoneOffsetLabel(timeZone, at)})`;
}
