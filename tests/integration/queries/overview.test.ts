// The overview's totals and chart series: calendar days in the merchant's zone, amounts per currency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../lib/db/client';
import {
  getRefundVolume,
  periodTotals,
  PERIODS,
  volumeSeries,
  type OverviewPeriod,
} from '../../../lib/overview/queries';
import { readRefundVolumeSummary } from '../../../lib/overview/volume';
import { testPrisma } from '../../setup/database';
import { insertPayments, insertRefunds, tag } from './data';
import { current } from './actors';

// "Now" is 10:00 on 15 July 2003 in Singapore (UTC+8); nothing else lives in mid-2003.
const NOW = new Date('2003-07-15T02:00:00Z');
const sgt = (local: string) => new Date(`${local}+08:00`);

describe('overview', () => {
  let db: Db;
  const p = tag('TO');

  beforeAll(async () => {
    process.env.MERCHANT_TIME_ZONE = 'Asia/Singapore';
    db = testPrisma();
    await insertPayments(db, [
      {
        paymentId: `${p}_USD`,
        paymentRequestId: `${p}_O1`,
        currency: 'USD',
        amountValue: 1_000_000,
        createdAt: sgt('2003-05-01T00:00:00'),
      },
      {
        paymentId: `${p}_JPY`,
        paymentRequestId: `${p}_O2`,
        currency: 'JPY',
        amountValue: 1_000_000,
        createdAt: sgt('2003-05-01T00:00:00'),
      },
    ]);
    const r = (
      n: number,
      currency: 'USD' | 'JPY',
      amountValue: number,
      local: string,
      status: 'SUCCESS' | 'FAILED' = 'SUCCESS',
    ) => ({
      refundRequestId: `${p}_R${n}`,
      paymentId: `${p}_${currency}`,
      currency,
      amountValue,
      status,
      createdAt: sgt(local),
    });
    await insertRefunds(db, [
      r(1, 'USD', 1_050, '2003-07-15T00:00:00'), // today, first instant
      r(2, 'JPY', 500, '2003-07-15T09:59:00'), // today
      r(3, 'USD', 200, '2003-07-14T23:59:59'), // yesterday: 7 and 30 days
      r(4, 'USD', 300, '2003-07-09T00:00:00', 'FAILED'), // first day of the 7
      r(5, 'JPY', 700, '2003-07-08T23:59:59'), // just outside the 7: 30 days only
      r(6, 'USD', 900, '2003-06-16T00:00:00'), // first day of the 30
      r(7, 'USD', 999, '2003-06-15T23:59:59'), // outside
      r(8, 'USD', 999, '2003-07-16T00:00:00'), // tomorrow: outside
    ]);
  });
  afterAll(() => db.$disconnect());

  it('totals refunds by status for today, 7 and 30 local days, per currency, never across currencies', async () => {
    const periods = Object.fromEntries(
      await Promise.all(
        (['today', '7d', '30d'] as const).map(async (p) => {
          const volume = await getRefundVolume(current(), PERIODS[p], NOW);
          expect(volume.timeZone).toBe('Asia/Singapore');
          return [p, periodTotals(volume)] as const;
        }),
      ),
    ) as Record<Exclude<OverviewPeriod, '90d'>, ReturnType<typeof periodTotals>>;
    const success = (p: keyof typeof periods) => periods[p].byStatus.find((s) => s.status === 'SUCCESS')!;
    const failed = (p: keyof typeof periods) => periods[p].byStatus.find((s) => s.status === 'FAILED')!;
    expect(periods.today.since).toEqual(sgt('2003-07-15T00:00:00'));
    expect(periods['7d'].since).toEqual(sgt('2003-07-09T00:00:00'));
    expect(success('today')).toEqual({
      status: 'SUCCESS',
      count: 2,
      amounts: [
        { currency: 'JPY', value: 500 },
        { currency: 'USD', value: 1_050 },
      ],
    });
    expect(failed('today').count).toBe(0);
    expect(success('7d')).toEqual({
      status: 'SUCCESS',
      count: 3,
      amounts: [
        { currency: 'JPY', value: 500 },
        { currency: 'USD', value: 1_250 },
      ],
    });
    expect(failed('7d')).toEqual({ status: 'FAILED', count: 1, amounts: [{ currency: 'USD', value: 300 }] });
    expect(success('30d')).toEqual({
      status: 'SUCCESS',
      count: 5,
      amounts: [
        { currency: 'JPY', value: 1_200 },
        { currency: 'USD', value: 2_150 },
      ],
    });
    expect(periods['30d'].count).toBe(6);
  });

  it('gives one point per local day for the chart: counts over all currencies, or one currency’s amounts', async () => {
    const volume = await getRefundVolume(current(), 7, NOW);
    expect(volume.days).toEqual([
      '2003-07-09',
      '2003-07-10',
      '2003-07-11',
      '2003-07-12',
      '2003-07-13',
      '2003-07-14',
      '2003-07-15',
    ]);
    expect(volume.currencies).toEqual(['USD', 'JPY']);
    expect(volume.amountsIn).toBeNull();
    const counts = volumeSeries(volume);
    expect(counts.at(-1)!.values.SUCCESS).toBe(2);
    expect(counts[0]!.values.FAILED).toBe(1);
    expect(counts[1]!.values).toEqual({
      PENDING_APPROVAL: 0,
      CREATED: 0,
      PROCESSING: 0,
      UNKNOWN: 0,
      SUCCESS: 0,
      FAILED: 0,
      CANCELLED: 0,
    });
    const inUsd = await getRefundVolume(current(), 7, NOW, 'USD');
    expect(inUsd.amountsIn).toBe('USD');
    const usd = volumeSeries(inUsd);
    expect(usd.at(-1)!.values.SUCCESS).toBe(1_050);
    expect(usd.at(-2)!.values.SUCCESS).toBe(200);
    expect(usd[0]!.values.FAILED).toBe(300);
    // The same cards whichever currency the chart shows.
    expect(periodTotals(inUsd)).toEqual(periodTotals(volume));
    expect(volumeSeries(await getRefundVolume(current(), 7, NOW, 'JPY')).at(-1)!.values.SUCCESS).toBe(500);
    // A currency not refunded in the period (or not one at all) shows counts.
    const none = await getRefundVolume(current(), 7, NOW, 'EUR');
    expect(none.amountsIn).toBeNull();
    expect(volumeSeries(none)).toEqual(counts);
  });
});

// The stored sums (lib/overview/volume.ts) against the refunds themselves, summed the direct way.
describe('the stored refund volume', () => {
  let db: Db;
  const p = tag('TV');
  // Its own days, in 2004, apart from the overview test's mid-2003: the 7 local days to 20 February.
  const sgt = (local: string) => new Date(`${local}+08:00`);

  /** The stored sums of those 7 days, keyed by day|status|currency (the overview sums them further). */
  async function stored(): Promise<Record<string, [number, number]>> {
    // Read as the overview reads them first (counted in this zone, if they were not yet), then summed per group.
    await readRefundVolumeSummary('Asia/Singapore', '2004-02-14', '2004-02-20', null);
    const rows = await db.$queryRaw<{ k: string; n: number; a: number }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') || '|' || status || '|' || currency AS k, sum(count)::int AS n, sum(amount)::int AS a
        FROM refund_volume_changes WHERE day BETWEEN '2004-02-14' AND '2004-02-20'
       GROUP BY day, status, currency HAVING sum(count) <> 0 OR sum(amount) <> 0`;
    return Object.fromEntries(rows.map((r) => [r.k, [r.n, r.a] as [number, number]]));
  }

  /** The same, summed from the refunds on each call. */
  async function direct(): Promise<Record<string, [number, number]>> {
    const rows = await db.$queryRaw<{ k: string; n: number; a: number }[]>`
      SELECT to_char((created_at AT TIME ZONE 'Asia/Singapore')::date, 'YYYY-MM-DD') || '|' || status || '|' || currency AS k,
             count(*)::int AS n, sum(amount_value)::int AS a
        FROM refunds
       WHERE created_at >= '2004-02-14T00:00:00+08:00' AND created_at < '2004-02-21T00:00:00+08:00'
       GROUP BY 1`;
    return Object.fromEntries(rows.map((r) => [r.k, [r.n, r.a] as [number, number]]));
  }

  beforeAll(async () => {
    process.env.MERCHANT_TIME_ZONE = 'Asia/Singapore';
    db = testPrisma();
    await insertPayments(db, [
      {
        paymentId: `${p}_USD`,
        paymentRequestId: `${p}_O1`,
        currency: 'USD',
        amountValue: 1_000_000,
        createdAt: sgt('2004-01-01T00:00:00'),
      },
    ]);
  });
  afterAll(() => db.$disconnect());

  it('follows refunds added, moved between states and removed, and stays the same once folded', async () => {
    const r = (n: number, amountValue: number, local: string) => ({
      refundRequestId: `${p}_R${n}`,
      paymentId: `${p}_USD`,
      currency: 'USD',
      amountValue,
      status: 'PROCESSING' as const,
      createdAt: sgt(local),
    });
    await insertRefunds(db, [r(1, 100, '2004-02-20T08:00:00'), r(2, 250, '2004-02-19T23:59:59')]);
    expect(await stored()).toEqual({
      '2004-02-20|PROCESSING|USD': [1, 100],
      '2004-02-19|PROCESSING|USD': [1, 250],
    });

    await db.$executeRaw`UPDATE refunds SET status = 'SUCCESS' WHERE refund_request_id = ${`${p}_R1`}`;
    // An update that changes neither state nor amount appends nothing.
    const before = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM refund_volume_changes`;
    await db.$executeRaw`UPDATE refunds SET updated_at = now() WHERE payment_id = ${`${p}_USD`}`;
    expect(await db.$queryRaw`SELECT count(*)::int AS n FROM refund_volume_changes`).toEqual(before);
    await insertRefunds(db, [r(3, 40, '2004-02-20T09:00:00')]);
    await db.$executeRaw`UPDATE refunds SET status = 'FAILED' WHERE refund_request_id = ${`${p}_R2`}`;
    await db.$executeRaw`DELETE FROM refunds WHERE refund_request_id = ${`${p}_R3`}`;
    expect(await stored()).toEqual(await direct());
    expect(await stored()).toEqual({
      '2004-02-20|SUCCESS|USD': [1, 100],
      '2004-02-19|FAILED|USD': [1, 250],
    });

    const rowsOfDays = () =>
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM refund_volume_changes
                                     WHERE day BETWEEN '2004-02-14' AND '2004-02-20'`;
    expect((await rowsOfDays())[0]!.n).toBeGreaterThan(2);
    await db.$queryRaw`SELECT refund_volume_compact('2004-02-14'::date, '2004-02-20'::date)`;
    expect(await rowsOfDays()).toEqual([{ n: 2 }]);
    expect(await stored()).toEqual(await direct());
  });

  it('counts in another zone when the merchant moves, every refund again', async () => {
    // In UTC, R2 (23:59:59 in Singapore on the 19th) is still the 19th and R1 (08:00) the 20th: both move 8 h back.
    await db.$queryRaw`SELECT refund_volume_rebuild('UTC')`;
    const utc = await db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(count)::int AS n FROM refund_volume_changes
       WHERE day BETWEEN '2004-02-14' AND '2004-02-20' GROUP BY day ORDER BY day`;
    expect(utc).toEqual([
      { day: '2004-02-19', n: 1 },
      { day: '2004-02-20', n: 1 },
    ]);
    await db.$queryRaw`SELECT refund_volume_rebuild('Asia/Singapore')`;
    expect(await stored()).toEqual(await direct());
  });
});
