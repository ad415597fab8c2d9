// The transactions list: keyset pages forward and back, every filter, and the id search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../lib/db/client';
import {
  getPaymentDetail,
  getPaymentFilterOptions,
  listPayments,
  searchPayments,
  type PaymentFilters,
  type PaymentListRow,
} from '../../../lib/payments/queries';
import { paymentDisplayStatus, type PaymentDisplayStatus } from '../../../lib/payments/states';
import { testPrisma } from '../../setup/database';
import { insertPayments, insertRefunds, insertUser, listOrder, tag, type PaymentSeed } from './data';
import { current } from './actors';

// This file's own stretch of time: no other test writes payments in 2001.
const WINDOW = { from: new Date('2001-03-01T00:00:00Z'), to: new Date('2001-04-01T00:00:00Z') };
const at = (day: number, minute: number) => new Date(Date.UTC(2001, 2, day, 10, minute));

describe('transactions list', () => {
  let db: Db;
  const prefix = tag('TP');
  const seeds: PaymentSeed[] = [];
  const methods = ['ALIPAY_CN', 'GCASH', 'CARD'];
  const currencies = ['USD', 'JPY', 'KWD'];
  const statuses = ['SUCCESS', 'FAIL', 'PENDING'] as const;

  beforeAll(async () => {
    db = testPrisma();
    // 31 payments on 8 distinct instants: many ties on created_at, broken by payment_id.
    for (let i = 0; i < 31; i++) {
      seeds.push({
        paymentId: `${prefix}_${String(i).padStart(3, '0')}`,
        paymentRequestId: `${prefix}_REQ_${i}`,
        createdAt: at(1 + (i % 8) * 3, i % 8),
        amountValue: 1_000 * (i + 1),
        currency: currencies[i % 3]!,
        method: methods[i % 3 === 0 ? 0 : (i % 7) % 3]!,
        channel: i % 4 === 0 ? 'IN_STORE' : 'ONLINE',
        status: statuses[i % 5 === 0 ? 1 : i % 11 === 0 ? 2 : 0],
      });
    }
    await insertPayments(db, seeds);
  });
  afterAll(() => db.$disconnect());

  const ids = (rows: PaymentListRow[]) => rows.map((r) => r.paymentId);

  async function walkForward(filters: PaymentFilters, limit: number) {
    const pages: string[][] = [];
    let page = await listPayments(current(), filters, { direction: 'first', limit });
    pages.push(ids(page.rows));
    expect(page.prevCursor).toBeNull();
    while (page.nextCursor) {
      page = await listPayments(current(), filters, { direction: 'after', cursor: page.nextCursor, limit });
      pages.push(ids(page.rows));
    }
    return { pages, last: page };
  }

  it('lists the methods and currencies that occur in payments, each once, in order', async () => {
    const { methods, currencies } = await getPaymentFilterOptions(current());
    for (const [values, column] of [
      [methods, 'method'],
      [currencies, 'currency'],
    ] as const) {
      const distinct = await db.$queryRawUnsafe<{ value: string }[]>(
        `SELECT DISTINCT ${column}::text AS value FROM payments WHERE ${column}::text = ANY($1) ORDER BY 1`,
        values,
      );
      expect(distinct.map((r) => r.value)).toEqual(values);
    }
    expect(currencies.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    expect(methods).toContain('ALIPAY_CN');
    expect(currencies).toContain('USD');
  });

  it('pages forward and back over ties in created_at: every row once, in a stable order', async () => {
    const expected = listOrder(seeds, (s) => s.paymentId).map((s) => s.paymentId);
    const { pages, last } = await walkForward(WINDOW, 4);
    expect(pages.flat()).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);

    // Back from the last page with "previous" until the first: the same pages, in reverse.
    const back: string[][] = [ids(last.rows)];
    let page = last;
    while (page.prevCursor) {
      page = await listPayments(current(), WINDOW, { direction: 'before', cursor: page.prevCursor, limit: 4 });
      back.unshift(ids(page.rows));
    }
    expect(back).toEqual(pages);
    expect(page.prevCursor).toBeNull();
    expect(page.nextCursor).not.toBeNull();
  });

  it('starts over from the first page when the cursor is mangled', async () => {
    const first = await listPayments(current(), WINDOW, { direction: 'first', limit: 3 });
    const mangled = await listPayments(current(), WINDOW, { direction: 'after', cursor: 'not-a-cursor', limit: 3 });
    expect(ids(mangled.rows)).toEqual(ids(first.rows));
  });

  const cases: [string, PaymentFilters, (s: PaymentSeed) => boolean][] = [
    ['status', { status: 'FAIL' }, (s) => s.status === 'FAIL'],
    ['method', { method: 'GCASH' }, (s) => s.method === 'GCASH'],
    ['currency', { currency: 'JPY' }, (s) => s.currency === 'JPY'],
    ['channel', { channel: 'IN_STORE' }, (s) => s.channel === 'IN_STORE'],
    ['date range', { from: at(4, 0), to: at(13, 0) }, (s) => s.createdAt >= at(4, 0) && s.createdAt < at(13, 0)],
    [
      'amount range in a currency',
      { currency: 'USD', minAmount: 5_000, maxAmount: 20_000 },
      (s) => s.currency === 'USD' && s.amountValue! >= 5_000 && s.amountValue! <= 20_000,
    ],
    [
      'several at once',
      { status: 'SUCCESS', currency: 'KWD', channel: 'ONLINE' },
      (s) => s.status === 'SUCCESS' && s.currency === 'KWD' && s.channel === 'ONLINE',
    ],
  ];
  for (const [name, filter, keep] of cases) {
    it(`filters by ${name}, across pages`, async () => {
      const filters = { ...WINDOW, ...filter };
      const expected = listOrder(
        seeds.filter(keep).filter((s) => s.createdAt >= filters.from! && s.createdAt < filters.to!),
        (s) => s.paymentId,
      ).map((s) => s.paymentId);
      expect(expected.length).toBeGreaterThan(0);
      const { pages } = await walkForward(filters, 3);
      expect(pages.flat()).toEqual(expected);
    });
  }

  it('refuses an amount filter without a currency (minor units differ per currency)', async () => {
    await expect(listPayments(current(), { ...WINDOW, minAmount: 1 }, { direction: 'first' })).rejects.toThrow(
      /currency/,
    );
  });

  it('returns the amounts and refund sums as integers of minor units with the currency', async () => {
    const page = await listPayments(current(), { ...WINDOW, currency: 'KWD' }, { direction: 'first', limit: 1 });
    const row = page.rows[0]!;
    expect(
      Number.isInteger(row.amountValue) && Number.isInteger(row.refundedValue) && Number.isInteger(row.refundHeldValue),
    ).toBe(true);
    expect(row.currency).toBe('KWD');
  });

  describe('search by any id', () => {
    const payment = () => seeds[7]!;
    const refund = { refundRequestId: `${prefix}_RFD_7`, refundId: `${prefix}_ANTOMREFUND_7` };

    beforeAll(async () => {
      await insertRefunds(db, [
        {
          ...refund,
          paymentId: payment().paymentId,
          amountValue: 100,
          currency: payment().currency!,
          createdAt: at(28, 0),
          resultCode: 'SUCCESS',
          resultStatus: 'S',
        },
      ]);
    });

    it.each([
      ['paymentId', () => payment().paymentId],
      ['paymentRequestId', () => payment().paymentRequestId],
      ['refundId', () => refund.refundId],
      ['refundRequestId', () => refund.refundRequestId],
    ] as const)('finds the payment by its %s, trimmed and in any case', async (kind, id) => {
      for (const text of [`  ${id()} `, id().toLowerCase(), id().toUpperCase()]) {
        const found = await searchPayments(current(), text);
        expect(
          found.rows.map((r) => r.paymentId),
          text,
        ).toEqual([payment().paymentId]);
        expect(found.rows[0]!.matchedBy).toBe(kind);
        expect(found.rows[0]!.exact).toBe(true);
        expect(found.rows[0]!.refundHeldValue).toBe(100);
      }
    });

    it('finds by a prefix of 8 characters or more, never by a shorter one or by the middle of an id', async () => {
      const id = refund.refundId.toLowerCase();
      const byPrefix = await searchPayments(current(), `  ${id.slice(0, -1)}`);
      expect(byPrefix.rows.map((r) => [r.paymentId, r.matchedBy, r.exact])).toEqual([
        [payment().paymentId, 'refundId', false],
      ]);
      expect(byPrefix.more).toBe(false);
      const short = `${prefix}_RF`.slice(0, 7);
      expect((await searchPayments(current(), short)).rows).toEqual([]);
      expect((await searchPayments(current(), id.slice(1))).rows).toEqual([]);
    });

    it('shows at most 10 matches of a short prefix, exact ones first, and says there are more', async () => {
      // Every seeded payment's paymentId starts with the test's prefix.
      const common = seeds[0]!.paymentId.slice(0, Math.max(8, prefix.length));
      const found = await searchPayments(current(), common);
      expect(found.rows).toHaveLength(10);
      expect(found.more).toBe(true);
      expect(found.rows.every((r) => r.paymentId.toLowerCase().startsWith(common.toLowerCase()))).toBe(true);
      const exact = await searchPayments(current(), payment().paymentId.toLowerCase());
      expect(exact.rows[0]!.paymentId).toBe(payment().paymentId);
      expect(exact.rows[0]!.exact).toBe(true);
    });

    it('finds nothing for an id no column can hold, or for blanks', async () => {
      expect(await searchPayments(current(), 'x'.repeat(65))).toEqual({ rows: [], more: false });
      expect(await searchPayments(current(), '   ')).toEqual({ rows: [], more: false });
      // LIKE's wildcards mean nothing here: the text is compared, not matched as a pattern.
      expect((await searchPayments(current(), `${prefix}%%%%%%%%`)).rows).toEqual([]);
    });
  });
});

describe('partially refunded and refunded: derived from the refunds that succeeded', () => {
  let db: Db;
  const prefix = tag('PR');
  // Its own stretch of time: June 2001.
  const window = { from: new Date('2001-06-01T00:00:00Z'), to: new Date('2001-07-01T00:00:00Z') };
  const day = (d: number) => new Date(Date.UTC(2001, 5, d, 12));
  const id = (name: string) => `${prefix}_${name}`;

  beforeAll(async () => {
    db = testPrisma();
    const names = ['untouched', 'part', 'whole', 'in_flight', 'failed_refund', 'declined'];
    await insertPayments(
      db,
      names.map((name, i) => ({
        paymentId: id(name),
        paymentRequestId: id(`REQ_${name}`),
        createdAt: day(1 + i),
        amountValue: 1_000,
        currency: 'SGD',
        status: name === 'declined' ? 'FAIL' : 'SUCCESS',
      })),
    );
    const refund = (payment: string, n: number, amountValue: number, status: 'SUCCESS' | 'PROCESSING' | 'FAILED') => ({
      refundRequestId: id(`RFD_${payment}_${n}`),
      paymentId: id(payment),
      amountValue,
      currency: 'SGD',
      status,
      createdAt: day(20 + n),
    });
    await insertRefunds(db, [
      refund('part', 1, 400, 'SUCCESS'),
      refund('whole', 1, 600, 'SUCCESS'),
      refund('whole', 2, 400, 'SUCCESS'),
      refund('in_flight', 1, 1_000, 'PROCESSING'),
      refund('failed_refund', 1, 1_000, 'FAILED'),
    ]);
  });
  afterAll(() => db.$disconnect());

  async function shown(status: PaymentDisplayStatus) {
    const page = await listPayments(current(), { ...window, status }, { direction: 'first', limit: 50 });
    for (const row of page.rows) expect(paymentDisplayStatus(row), row.paymentId).toBe(status);
    return page.rows.map((r) => r.paymentId).sort();
  }

  it('filters each shown status, and each listed row shows the status it was filtered by', async () => {
    expect(await shown('SUCCESS')).toEqual([id('failed_refund'), id('in_flight'), id('untouched')].sort());
    expect(await shown('PARTIALLY_REFUNDED')).toEqual([id('part')]);
    expect(await shown('REFUNDED')).toEqual([id('whole')]);
    expect(await shown('FAIL')).toEqual([id('declined')]);
  });

  it('moves a payment to Refunded the moment its refund under way succeeds (the trigger keeps the total)', async () => {
    await db.$executeRaw`UPDATE refunds SET status = 'SUCCESS', finalized_at = now() WHERE refund_request_id = ${id('RFD_in_flight_1')}`;
    expect(await shown('REFUNDED')).toEqual([id('in_flight'), id('whole')].sort());
    expect(await shown('SUCCESS')).toEqual([id('failed_refund'), id('untouched')].sort());
  });
});

describe('payment detail', () => {
  let db: Db;
  beforeAll(() => {
    db = testPrisma();
  });
  afterAll(() => db.$disconnect());

  it('reads a payment and its refunds, newest first, with who asked for each', async () => {
    const paymentId = tag('PD');
    const created = new Date('2001-05-02T03:04:05.678Z');
    await insertPayments(db, [
      {
        paymentId,
        paymentRequestId: `${paymentId}_REQ`,
        createdAt: created,
        amountValue: 9_000,
        currency: 'KWD',
        channel: 'IN_STORE',
        method: 'CARD',
      },
    ]);
    const user = await insertUser(db, 'Detail Refunder');
    const later = new Date(created.getTime() + 60_000);
    await insertRefunds(db, [
      {
        refundRequestId: `${paymentId}_R1`,
        paymentId,
        amountValue: 1_000,
        currency: 'KWD',
        createdAt: later,
        status: 'SUCCESS',
        refundId: `${paymentId}_A1`,
        requestedById: user.id,
        reason: 'Damaged',
        finalizedAt: later,
      },
      {
        refundRequestId: `${paymentId}_R2`,
        paymentId,
        amountValue: 2_500,
        currency: 'KWD',
        createdAt: new Date(later.getTime() + 1),
        status: 'UNKNOWN',
        resultCode: 'UNKNOWN_EXCEPTION',
        resultStatus: 'U',
        attentionReason: 'Timed out',
      },
    ]);
    const detail = (await getPaymentDetail(current(), paymentId))!;
    expect(detail).toMatchObject({
      paymentId,
      paymentRequestId: `${paymentId}_REQ`,
      channel: 'IN_STORE',
      method: 'CARD',
      status: 'SUCCESS',
      amountValue: 9_000,
      currency: 'KWD',
      createdAt: created,
      paidAt: created,
      syncedAt: null,
    });
    expect(detail.updatedAt).toBeInstanceOf(Date);
    expect(detail.refunds.map((r) => [r.refundRequestId, r.status, r.amountValue, r.currency])).toEqual([
      [`${paymentId}_R2`, 'UNKNOWN', 2_500, 'KWD'],
      [`${paymentId}_R1`, 'SUCCESS', 1_000, 'KWD'],
    ]);
    expect(detail.refunds[0]).toMatchObject({
      requestedBy: null,
      resultCode: 'UNKNOWN_EXCEPTION',
      resultStatus: 'U',
      attentionReason: 'Timed out',
      refundId: null,
      finalizedAt: null,
    });
    expect(detail.refunds[1]).toMatchObject({
      requestedBy: user,
      refundId: `${paymentId}_A1`,
      reason: 'Damaged',
      createdAt: later,
      finalizedAt: later,
    });
  });

  it('is null for an unknown id, an empty one, or one too long to be an id', async () => {
    expect(await getPaymentDetail(current(), tag('NOPE'))).toBeNull();
    expect(await getPaymentDetail(current(), '')).toBeNull();
    expect(await getPaymentDetail(current(), 'x'.repeat(65))).toBeNull();
  });
});
