// The refund audit list: needing attention first, keyset pages across both parts, the filters,
// and the streamed CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../lib/db/client';
import { refundCsvStream } from '../../../lib/refunds/read/csv-export';
import {
  listRefundResultCodes,
  listRefunds,
  listUserOptions,
  type RefundFilters,
  type RefundListRow,
} from '../../../lib/refunds/read/list';
import { testPrisma } from '../../setup/database';
import { insertPayments, insertRefunds, insertUser, tag, type RefundSeed } from './data';
import { current, NOBODY } from './actors';
import { Forbidden } from '../../../lib/auth/roles';

// This file's own stretch of time: refunds in March 2002, read "as of" noon on 20 March.
const AS_OF = new Date('2002-03-20T12:00:00Z');
const WINDOW = { from: new Date('2002-03-01T00:00:00Z'), to: new Date('2002-04-01T00:00:00Z') };
const minutesBefore = (m: number) => new Date(AS_OF.getTime() - m * 60_000);

describe('refund audit list', () => {
  let db: Db;
  const p = tag('TR');
  let alice: { id: string; name: string; email: string };
  let bob: { id: string; name: string; email: string };
  const seeds: RefundSeed[] = [];

  beforeAll(async () => {
    db = testPrisma();
    [alice, bob] = await Promise.all([insertUser(db, 'Alice Query'), insertUser(db, 'Bob Query')]);
    const payments = [
      { currency: 'JPY', amountValue: 1_000_000 },
      { currency: 'USD', amountValue: 1_000_000 },
      { currency: 'KWD', amountValue: 1_000_000 },
    ].map((m, i) => ({
      paymentId: `${p}_PAY_${i}`,
      paymentRequestId: `${p}_ORD_${i}`,
      createdAt: new Date('2002-02-01T00:00:00Z'),
      ...m,
    }));
    await insertPayments(db, payments);
    const r = (
      n: number,
      status: RefundSeed['status'],
      createdAt: Date,
      extra: Partial<RefundSeed> = {},
    ): RefundSeed => {
      const pay = payments[n % 3]!;
      return {
        refundRequestId: `${p}_R${String(n).padStart(2, '0')}`,
        paymentId: pay.paymentId,
        currency: pay.currency,
        amountValue: 1000 + n,
        status,
        createdAt,
        ...extra,
      };
    };
    seeds.push(
      // Need attention:
      r(1, 'UNKNOWN', minutesBefore(60 * 24 * 3), {
        resultCode: 'UNKNOWN_EXCEPTION',
        resultStatus: 'U',
        requestedById: alice.id,
      }),
      r(2, 'CREATED', minutesBefore(2), { requestedById: bob.id }), // not sent within a minute
      r(3, 'PROCESSING', minutesBefore(45), {
        resultCode: 'REFUND_IN_PROCESS',
        resultStatus: 'U',
        requestedById: alice.id,
      }), // long processing
      r(4, 'SUCCESS', minutesBefore(60 * 24 * 10), {
        resultCode: 'SUCCESS',
        resultStatus: 'S',
        attentionReason: 'Conflicting notification: FAILED after SUCCESS',
      }),
      // Fine:
      r(5, 'CREATED', new Date(AS_OF.getTime() - 30_000), { requestedById: bob.id }), // 30 s old: still being sent
      r(6, 'PROCESSING', minutesBefore(10), {
        resultCode: 'REFUND_IN_PROCESS',
        resultStatus: 'U',
        requestedById: bob.id,
      }),
      r(7, 'FAILED', minutesBefore(60 * 24 * 5), {
        resultCode: 'REFUND_AMOUNT_EXCEED',
        resultStatus: 'F',
        requestedById: alice.id,
      }),
    );
    // Many settled refunds, some sharing a created_at, so pages cross the boundary between the parts.
    for (let n = 10; n < 30; n++) {
      seeds.push(
        r(n, 'SUCCESS', minutesBefore(60 * 24 * (1 + (n % 6))), {
          resultCode: 'SUCCESS',
          resultStatus: 'S',
          requestedById: n % 2 ? alice.id : bob.id,
        }),
      );
    }
    await insertRefunds(db, seeds);
  });
  afterAll(() => db.$disconnect());

  const ids = (rows: RefundListRow[]) => rows.map((r) => r.refundRequestId);
  const byTime = (rows: RefundSeed[]) =>
    [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.refundRequestId < b.refundRequestId ? 1 : -1))
      .map((r) => r.refundRequestId);
  const attentionIds = () => [`${p}_R01`, `${p}_R02`, `${p}_R03`, `${p}_R04`];

  async function walk(filters: RefundFilters, limit: number) {
    const pages: RefundListRow[][] = [];
    let page = await listRefunds(current(), filters, { direction: 'first', limit, asOf: AS_OF });
    pages.push(page.rows);
    while (page.nextCursor) {
      page = await listRefunds(current(), filters, { direction: 'after', cursor: page.nextCursor, limit });
      pages.push(page.rows);
    }
    return { pages, last: page };
  }

  it('lists the filter menus from one statement: each result code once, in order, and the people by name', async () => {
    const [codes, users] = await Promise.all([listRefundResultCodes(current()), listUserOptions(current())]);
    expect(codes).toEqual(expect.arrayContaining(['UNKNOWN_EXCEPTION', 'REFUND_IN_PROCESS', 'REFUND_AMOUNT_EXCEED']));
    expect(new Set(codes).size).toBe(codes.length);
    const inDbOrder = await db.$queryRaw<{ code: string }[]>`SELECT unnest(${codes}::text[]) AS code ORDER BY 1`;
    expect(inDbOrder.map((r) => r.code)).toEqual(codes);
    expect(users).toEqual(
      expect.arrayContaining([
        { ...alice, active: true },
        { ...bob, active: true },
      ]),
    );
    const byName = await db.$queryRaw<{ id: string }[]>`
      SELECT u.id::text AS id FROM unnest(${users.map((u) => u.id)}::uuid[]) AS i(id) JOIN users u ON u.id = i.id ORDER BY u.name, u.email`;
    expect(byName.map((u) => u.id)).toEqual(users.map((u) => u.id));
  });

  it('lists refunds needing attention first (unknown, stuck, long processing, flagged), then the rest, each newest first', async () => {
    const { pages } = await walk(WINDOW, 100);
    const rows = pages.flat();
    const attention = seeds.filter((s) => attentionIds().includes(s.refundRequestId));
    const rest = seeds.filter((s) => !attentionIds().includes(s.refundRequestId));
    expect(ids(rows)).toEqual([...byTime(attention), ...byTime(rest)]);
    expect(
      rows
        .filter((r) => r.needsAttention)
        .map((r) => r.refundRequestId)
        .sort(),
    ).toEqual(attentionIds());
    const flagged = rows.find((r) => r.refundRequestId === `${p}_R04`)!;
    expect(flagged.attentionNote).toBe('Conflicting notification: FAILED after SUCCESS');
    expect(rows.find((r) => r.refundRequestId === `${p}_R03`)!.attentionNote).toMatch(/processing/i);
    expect(rows.find((r) => r.refundRequestId === `${p}_R01`)!.requestedBy?.name).toBe('Alice Query');
  });

  it('pages forward and back across the two parts: every refund once, same pages both ways', async () => {
    const { pages, last } = await walk(WINDOW, 3);
    expect(pages.flat().length).toBe(seeds.length);
    expect(new Set(ids(pages.flat())).size).toBe(seeds.length);
    const back = [ids(last.rows)];
    let page = last;
    while (page.prevCursor) {
      page = await listRefunds(current(), WINDOW, { direction: 'before', cursor: page.prevCursor, limit: 3 });
      back.unshift(ids(page.rows));
    }
    expect(back).toEqual(pages.map(ids));
  });

  it('keeps the instant of the first page: a refund turning "stuck" later does not jump between pages', async () => {
    const first = await listRefunds(current(), WINDOW, {
      direction: 'first',
      limit: 2,
      asOf: new Date(AS_OF.getTime() - 20 * 60_000),
    });
    // Twenty minutes earlier, R02 was not yet created and R03 was 25 minutes into processing (not
    // yet "long"): the attention part is R01 and R04, and stays so on the next page.
    expect(ids(first.rows)).toEqual([`${p}_R01`, `${p}_R04`]);
    const second = await listRefunds(current(), WINDOW, { direction: 'after', cursor: first.nextCursor!, limit: 2 });
    expect(second.rows.every((r) => !r.needsAttention)).toBe(true);
  });

  it('filters to the refunds needing attention only', async () => {
    const { pages } = await walk({ ...WINDOW, status: 'ATTENTION' }, 2);
    expect(ids(pages.flat()).sort()).toEqual(attentionIds());
  });

  it.each([
    ['a status', { status: 'PROCESSING' } as RefundFilters, (s: RefundSeed) => s.status === 'PROCESSING'],
    ['the UNKNOWN status', { status: 'UNKNOWN' } as RefundFilters, (s: RefundSeed) => s.status === 'UNKNOWN'],
    [
      'a result code',
      { resultCode: 'REFUND_AMOUNT_EXCEED' } as RefundFilters,
      (s: RefundSeed) => s.resultCode === 'REFUND_AMOUNT_EXCEED',
    ],
    [
      'a date range',
      { from: minutesBefore(60 * 24 * 4), to: minutesBefore(60 * 24 * 2) },
      (s: RefundSeed) => s.createdAt >= minutesBefore(60 * 24 * 4) && s.createdAt < minutesBefore(60 * 24 * 2),
    ],
  ])('filters by %s', async (_name, filter, keep) => {
    const filters = { ...WINDOW, ...filter };
    const { pages } = await walk(filters, 4);
    const expected = seeds.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(pages.flat()).sort()).toEqual(expected.map((s) => s.refundRequestId).sort());
  });

  it('filters by initiator', async () => {
    const { pages } = await walk({ ...WINDOW, initiatorId: bob.id }, 5);
    expect(ids(pages.flat()).sort()).toEqual(
      seeds
        .filter((s) => s.requestedById === bob.id)
        .map((s) => s.refundRequestId)
        .sort(),
    );
    expect(pages.flat().every((r) => r.requestedBy?.email === bob.email)).toBe(true);
  });

  it('refuses a reader whose role grants nothing', async () => {
    await expect(listRefunds(NOBODY, WINDOW, { direction: 'first' })).rejects.toThrow(Forbidden);
    await expect(listRefundResultCodes(NOBODY)).rejects.toThrow(Forbidden);
    await expect(listUserOptions(NOBODY)).rejects.toThrow(Forbidden);
  });
});

describe('CSV export', () => {
  let db: Db;
  const p = tag('TC');
  const created = new Date('2002-05-10T01:02:03.456Z');

  beforeAll(async () => {
    db = testPrisma();
    const payments = [
      { currency: 'JPY', amountValue: 500_000 },
      { currency: 'USD', amountValue: 500_000 },
      { currency: 'KWD', amountValue: 500_000 },
    ].map((m, i) => ({
      paymentId: `${p}_PAY_${i}`,
      paymentRequestId: `${p}_ORD_${i}`,
      createdAt: new Date('2002-05-01T00:00:00Z'),
      ...m,
    }));
    await insertPayments(db, payments);
    await insertRefunds(db, [
      {
        refundRequestId: `${p}_JPY`,
        paymentId: payments[0]!.paymentId,
        currency: 'JPY',
        amountValue: 1234,
        createdAt: new Date(created.getTime() + 3000),
        resultCode: 'SUCCESS',
        resultStatus: 'S',
        refundId: `${p}_A1`,
      },
      {
        refundRequestId: `${p}_USD`,
        paymentId: payments[1]!.paymentId,
        currency: 'USD',
        amountValue: 1234,
        createdAt: new Date(created.getTime() + 2000),
        status: 'FAILED',
        resultCode: 'REFUND_AMOUNT_EXCEED',
        resultStatus: 'F',
        resultMessage: 'Too much, "really"',
      },
      {
        refundRequestId: `${p}_KWD`,
        paymentId: payments[2]!.paymentId,
        currency: 'KWD',
        amountValue: 1234,
        createdAt: new Date(created.getTime() + 1000),
        reason: '=HYPERLINK("http://evil.test")',
      },
      {
        refundRequestId: `${p}_KW2`,
        paymentId: payments[2]!.paymentId,
        currency: 'KWD',
        amountValue: 5,
        createdAt: created,
        reason: 'Line one, with a comma',
      },
    ]);
  });
  afterAll(() => db.$disconnect());

  async function csvText(filters: RefundFilters, batchSize: number) {
    const reader = (await refundCsvStream(current(), filters, { batchSize, timeZone: 'Asia/Singapore' })).getReader();
    let text = '';
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      text += decoder.decode(chunk.value, { stream: true });
    return text;
  }

  /** RFC 4180 fields: quoted fields may hold commas and doubled quotes. */
  function parse(line: string): string[] {
    const fields: string[] = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let value = '';
        i++;
        while (i < line.length) {
          if (line[i] === '"' && line[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (line[i] === '"') break;
          else value += line[i++];
        }
        fields.push(value);
        i += 2;
      } else {
        const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
        fields.push(line.slice(i, end));
        i = end + 1;
      }
    }
    return fields;
  }

  it('streams the filtered list in batches: major-unit amounts by each currency’s exponent, local times, safe text', async () => {
    const text = await csvText(
      { from: new Date('2002-05-10T00:00:00Z'), to: new Date('2002-05-11T00:00:00Z'), resultCode: undefined },
      2,
    );
    expect(
      text.startsWith('\uFEFFcreated_at,refund_request_id,refund_id,payment_id,payment_request_id,method,status,'),
    ).toBe(true);
    const lines = text.slice(1).trimEnd().split('\n');
    const header = parse(lines[0]!);
    const rows = lines
      .slice(1)
      .map(parse)
      .map((f) => Object.fromEntries(header.map((h, i) => [h, f[i]])));
    const mine = rows.filter((r) => r.refund_request_id!.startsWith(p));
    expect(mine.map((r) => [r.refund_request_id, r.amount, r.currency])).toEqual([
      [`${p}_JPY`, '1234', 'JPY'], // JPY has no minor unit
      [`${p}_USD`, '12.34', 'USD'],
      [`${p}_KWD`, '1.234', 'KWD'], // three decimals
      [`${p}_KW2`, '0.005', 'KWD'],
    ]);
    // The merchant's wall clock as spreadsheets read a date and time (milliseconds cut).
    expect(mine[0]!.created_at).toBe('2002-05-10 09:02:06');
    expect(mine[0]!.refund_id).toBe(`${p}_A1`);
    expect(mine[1]!.result_message).toBe('Too much, "really"');
    expect(mine[1]!.status).toBe('FAILED');
    expect(mine[2]!.reason).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(mine[3]!.reason).toBe('Line one, with a comma');
  });
});
