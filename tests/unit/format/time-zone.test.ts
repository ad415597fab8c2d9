import { describe, expect, it } from 'vitest';
import { env, parseEnv } from '../../../lib/env';
import {
  formatDate,
  formatDateTime,
  formatIsoLocal,
  formatRelative,
  formatTimeMs,
} from '../../../lib/format/date-time';
import {
  addDays,
  isLocalDate,
  localDateOf,
  merchantTimeZone,
  startOfLocalDay,
  timeZoneLabel,
} from '../../../lib/format/time-zone';

describe('merchant time zone', () => {
  it('defaults to Singapore, accepts an IANA zone, and stops start-up on a typo (lib/env.ts)', () => {
    expect(parseEnv({}).MERCHANT_TIME_ZONE).toBe('Asia/Singapore');
    expect(parseEnv({ MERCHANT_TIME_ZONE: 'Europe/Berlin' }).MERCHANT_TIME_ZONE).toBe('Europe/Berlin');
    expect(() => parseEnv({ MERCHANT_TIME_ZONE: 'Mars/Olympus_Mons' })).toThrow(
      /^MERCHANT_TIME_ZONE: expected an IANA time zone/,
    );
    expect(merchantTimeZone()).toBe(env().MERCHANT_TIME_ZONE);
  });

  it('finds where a local day starts, including on daylight-saving days', () => {
    expect(startOfLocalDay('2026-11-22', 'Asia/Singapore').toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(startOfLocalDay('2025-03-09', 'America/New_York').toISOString()).toBe('2025-03-09T05:00:00.000Z'); // 23-hour day
    expect(startOfLocalDay('2025-03-10', 'America/New_York').toISOString()).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfLocalDay('2025-11-02', 'America/New_York').toISOString()).toBe('2025-11-02T04:00:00.000Z'); // 25-hour day
    expect(startOfLocalDay('2025-10-05', 'Australia/Sydney').toISOString()).toBe('2025-10-04T14:00:00.000Z');
    expect(() => startOfLocalDay('2026-02-30', 'UTC')).toThrow(RangeError);
  });

  it('says which local day an instant falls on, and does calendar arithmetic without zones', () => {
    expect(localDateOf(new Date('2026-11-21T16:00:00Z'), 'Asia/Singapore')).toBe('2026-11-22');
    expect(localDateOf(new Date('2026-11-21T15:59:59.999Z'), 'Asia/Singapore')).toBe('2026-11-21');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-1')).toBe(false);
  });

  it('names the zone with its offset', () => {
    expect(timeZoneLabel('Asia/Singapore')).toBe('Asia/Singapore (GMT+8)');
    expect(timeZoneLabel('Asia/Kolkata')).toBe('Asia/Kolkata (GMT+5:30)');
  });
});

describe('dates and times for people', () => {
  const instant = new Date('2026-03-04T01:02:03.045Z');

  it('formats in the given zone, 24-hour, with the month spelled out', () => {
    expect(formatDate(instant, 'Asia/Singapore')).toBe('2026-03-04');
    expect(formatDateTime(instant, {}, 'Asia/Singapore')).toBe('2026-03-04 09:02:03');
    expect(formatDateTime(instant, { seconds: false }, 'America/Los_Angeles')).toBe('2026-03-03 17:02');
    expect(formatTimeMs(instant, 'UTC')).toBe('01:02:03.045');
  });

  it('writes ISO 8601 with the local offset for CSV', () => {
    expect(formatIsoLocal(instant, 'Asia/Singapore')).toBe('2026-03-04T09:02:03.045+08:00');
    expect(formatIsoLocal(instant, 'Asia/Kolkata')).toBe('2026-03-04T06:32:03.045+05:30');
    expect(formatIsoLocal(instant, 'America/New_York')).toBe('2026-03-03T20:02:03.045-05:00');
    expect(formatIsoLocal(instant, 'UTC')).toBe('2026-03-04T01:02:03.045+00:00');
  });

  it('says how long ago, coarsely', () => {
    const now = new Date('2026-03-04T12:00:00Z');
    expect(formatRelative(new Date('2026-03-04T11:55:00Z'), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date('2026-03-03T12:00:00Z'), now)).toBe('yesterday');
    expect(formatRelative(new Date('2026-03-04T12:00:30Z'), now)).toBe('in 30 seconds');
  });
});
