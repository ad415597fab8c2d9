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
    const counts = volumeSeries(volume, null);
    expect(counts.at(-1)!.values.SUCCESS).toBe(2);
    expect(counts[0]!.values.FAILED).toBe(1);
    expect(counts[1]!.values).toEqual({ CREATED: 0, PROCESSING: 0, UNKNOWN: 0, SUCCESS: 0, FAILED: 0 });
    const usd = volumeSeries(volume, 'USD');
    expect(usd.at(-1)!.values.SUCCESS).toBe(1_050);
    expect(usd.at(-2)!.values.SUCCESS).toBe(200);
    expect(volumeSeries(volume, 'JPY').at(-1)!.values.SUCCESS).toBe(500);
  });
});
