// CSV times that Excel and Google Sheets read as dates, and exports named by what they hold.
import { describe, expect, it } from 'vitest';
import { formatCsvTime } from '../../../lib/format/date-time';
import { csvFileName } from '../../../lib/format/csv-file-name';

describe('CSV times', () => {
  it('are "YYYY-MM-DD HH:MM:SS" on the merchant’s wall clock: the form both spreadsheets parse as a date and time', () => {
    const instant = new Date('2026-03-04T01:02:03.045Z');
    expect(formatCsvTime(instant, 'Asia/Singapore')).toBe('2026-03-04 09:02:03');
    expect(formatCsvTime(instant, 'Asia/Kolkata')).toBe('2026-03-04 06:32:03');
    expect(formatCsvTime(instant, 'America/New_York')).toBe('2026-03-03 20:02:03');
    expect(formatCsvTime(instant, 'UTC')).toBe('2026-03-04 01:02:03');
  });

  it('cut the milliseconds rather than round them (a time never moves into the next second, or day)', () => {
    expect(formatCsvTime(new Date('2026-12-31T15:59:59.999Z'), 'Asia/Singapore')).toBe('2026-12-31 23:59:59');
  });

  it('follow daylight saving time', () => {
    expect(formatCsvTime(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 14:00:00');
    expect(formatCsvTime(new Date('2026-12-01T12:00:00Z'), 'Europe/Berlin')).toBe('2026-12-01 13:00:00');
  });
});

describe('CSV file names', () => {
  const today = '2026-12-03';

  it('name a filtered export by its filters and days', () => {
    expect(csvFileName('refunds', { status: 'FAILED', from: '2026-12-01', to: '2026-12-03' }, today)).toBe(
      'refunds_status-FAILED_2026-12-01..2026-12-03.csv',
    );
    expect(csvFileName('transactions', { status: 'REFUNDED', currency: 'SGD', method: '' }, today)).toBe(
      'transactions_status-REFUNDED_currency-SGD_2026-12-03.csv',
    );
  });

  it('close an open range with the day of the export, and keep an open start open', () => {
    expect(csvFileName('refunds', { from: '2026-11-01' }, today)).toBe('refunds_2026-11-01..2026-12-03.csv');
    expect(csvFileName('refunds', { to: '2026-11-30' }, today)).toBe('refunds_..2026-11-30.csv');
  });

  it('name an unfiltered export by the day it was made', () => {
    expect(csvFileName('refunds', {}, today)).toBe('refunds_2026-12-03.csv');
  });

  it('keep only letters, digits, dashes and dots from what was asked', () => {
    expect(csvFileName('refunds', { code: 'A/B "C"\r\n;x' }, today)).toBe('refunds_code-A-B-C-x_2026-12-03.csv');
  });
});
