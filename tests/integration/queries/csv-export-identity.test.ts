// The CSV export is built by PostgreSQL (lib/format/csv-sql.ts). It must write the same bytes the
// TypeScript export wrote before it, for the same refunds: this file keeps that export's row
// formatting (csvRecord, unchanged) as the reference and compares the two on awkward data: commas,
// quotes, line breaks, formula-like text, 0-, 2- and 3-decimal currencies, nulls, ties, time zones
// with odd offsets and a daylight-saving change, every batch size from one row up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../lib/db/client';
import { csvLine, neutraliseFormula } from '../../../lib/format/csv';
import { formatCsvTime } from '../../../lib/format/date-time';
import { toMajorString } from '../../../lib/money';
import { CSV_HEADER, refundCsvStream } from '../../../lib/refunds/read/csv-export';
import { listRefunds, type RefundFilters, type RefundListRow } from '../../../lib/refunds/read/list';
import { testPrisma } from '../../setup/database';
import { insertPayments, insertRefunds, insertUser, tag, type RefundSeed } from './data';
import { current, NOBODY } from './actors';
import { Forbidden } from '../../../lib/auth/roles';

// This file's own stretch of time: 2005.
const WINDOW = { from: new Date('2005-01-01T00:00:00Z'), to: new Date('2006-01-01T00:00:00Z') };
const AS_OF = new Date('2005-06-20T00:00:00Z');

/** The columns and row formatting of the export as it was written in TypeScript (the reference). */
const REFERENCE_COLUMNS = [
  'created_at',
  'refund_request_id',
  'refund_id',
  'payment_id',
  'payment_request_id',
  'method',
  'status',
  'needs_attention',
  'attention',
  'amount',
  'currency',
  'result_status',
  'result_code',
  'result_message',
  'reason',
  'reason_code',
  'requested_by',
  'finalized_at',
  'settlement_batch',
  'settlement_fee',
  'settlement_net',
  'settlement_currency',
];

function referenceRecord(r: RefundListRow, timeZone: string): string[] {
  return [
    formatCsvTime(r.createdAt, timeZone),
    r.refundRequestId,
    r.refundId ?? '',
    r.paymentId,
    neutraliseFormula(r.paymentRequestId),
    neutraliseFormula(r.method),
    r.status,
    r.needsAttention ? 'yes' : 'no',
    neutraliseFormula(r.attentionNote),
    toMajorString({ value: r.amountValue, currency: r.currency }),
    r.currency,
    r.resultStatus ?? '',
    r.resultCode ?? '',
    neutraliseFormula(r.resultMessage),
    neutraliseFormula(r.reason),
    r.reasonCode ?? '',
    neutraliseFormula(r.requestedBy?.email ?? null),
    r.finalizedAt ? formatCsvTime(r.finalizedAt, timeZone) : '',
    // No settlement report lists these refunds (tests/integration/reports covers the settlement columns).
    '',
    '',
    '',
    '',
  ];
}

/** The whole file the reference export wrote: every page of the list, in list order. */
async function referenceCsv(filters: RefundFilters, timeZone: string): Promise<string> {
  let text = '\uFEFF' + csvLine(REFERENCE_COLUMNS);
  let page = await listRefunds(current(), filters, { direction: 'first', limit: 7, asOf: AS_OF });
  while (true) {
    for (const r of page.rows) text += csvLine(referenceRecord(r, timeZone));
    if (!page.nextCursor) return text;
    page = await listRefunds(current(), filters, { direction: 'after', cursor: page.nextCursor, limit: 7 });
  }
}

async function exportedBytes(
  filters: RefundFilters,
  timeZone: string,
  batchSize: number,
  parallel = 2,
): Promise<Buffer> {
  const reader = (
    await refundCsvStream(current(), filters, { batchSize, parallel, timeZone, asOf: AS_OF })
  ).getReader();
  const chunks: Uint8Array[] = [];
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value);
  return Buffer.concat(chunks);
}

const TEXTS: (string | null)[] = [
  null,
  '',
  'plain words',
  'a, comma',
  'He said "stop"',
  '"',
  ',',
  'line one\nline two',
  'windows\r\nline',
  'lone\rcarriage return',
  '=HYPERLINK("http://evil.test","x")',
  '+1 555 0100',
  '-42',
  '@SUM(A1)',
  '\tleading tab',
  '\rleading CR',
  ' =not at the start',
  'a=b+c-d@e',
  '日本語、カンマ, émoji 😀',
  "'already quoted",
];

describe('CSV export built by PostgreSQL, against the TypeScript export it replaces', () => {
  let db: Db;
  const p = tag('TX');
  let requester: { id: string; email: string };
  const ids: string[] = [];

  beforeAll(async () => {
    db = testPrisma();
    requester = await insertUser(db, 'Csv Identity');
    // An email with a comma and a quote in it, starting like a formula (nothing stops one): quoted like
    // any field, and neutralised so a spreadsheet reads it as text (issue 14, gap 10).
    const oddEmail = `=${p.toLowerCase()}+"x,y"@queries.test`;
    const odd = await db.user.create({
      data: { email: oddEmail, name: 'Odd, Email', role: 'VIEWER', passwordHash: 'x' },
      select: { id: true },
    });
    const currencies = ['JPY', 'USD', 'KWD', 'BHD', 'IDR', 'XOF', 'EUR'];
    const payments = currencies.map((currency, i) => ({
      // Antom's ids are not ours to constrain: one with a comma and a quote.
      paymentId: i === 1 ? `${p}_PAY,"${i}"` : `${p}_PAY_${i}`,
      // The merchant's order id is free text to us: one like a formula, with a comma and a quote.
      paymentRequestId: i === 2 ? `=${p}_ORD,"${i}"` : `${p}_ORD_${i}`,
      method: i === 3 ? 'CARD' : 'ALIPAY_CN',
      createdAt: new Date('2005-01-01T00:00:00Z'),
      currency,
      amountValue: 2_147_483_647,
    }));
    await insertPayments(db, payments);

    const statuses = ['SUCCESS', 'FAILED', 'UNKNOWN', 'CREATED', 'PROCESSING', 'SUCCESS', 'SUCCESS'] as const;
    const amounts = [1, 5, 99, 100, 1234, 1000, 10_001, 123_456_789];
    const seeds: RefundSeed[] = [];
    for (let i = 0; i < 60; i++) {
      const payment = payments[i % payments.length]!;
      const status = statuses[i % statuses.length]!;
      // Mostly in June, a week before AS_OF; some fresh enough not to be stuck yet; two ties.
      let createdAt = new Date(Date.UTC(2005, 5, 13, 0, 0, 0, 123) + i * 3_600_007);
      if (i % 11 === 3) createdAt = new Date(AS_OF.getTime() - 30_000); // a fresh CREATED/PROCESSING/...
      if (i === 40 || i === 41) createdAt = new Date('2005-06-15T12:00:00.500Z');
      seeds.push({
        refundRequestId: `${p}_R${String(i).padStart(2, '0')}`,
        paymentId: payment.paymentId,
        currency: payment.currency,
        amountValue: amounts[i % amounts.length]!,
        createdAt,
        status,
        refundId: i % 4 === 0 ? null : i % 9 === 1 ? `${p}_A,"${i}"\n` : `${p}_A${i}`,
        resultCode: i % 5 === 0 ? null : i % 10 === 1 ? 'ODD,"CODE"' : 'SUCCESS',
        resultStatus: i % 5 === 0 ? null : 'S',
        resultMessage: TEXTS[(i * 7) % TEXTS.length]!,
        reason: TEXTS[i % TEXTS.length]!,
        attentionReason: i % 6 === 5 ? TEXTS[(i * 3) % TEXTS.length] || '=flagged, "look"' : null,
        requestedById: i % 3 === 0 ? null : i % 3 === 1 ? requester.id : odd.id,
        finalizedAt: status === 'SUCCESS' || status === 'FAILED' ? new Date(createdAt.getTime() + 61_001) : null,
      });
    }
    // Around Europe/London's change to summer time (01:00 UTC, 27 March 2005), and the largest amount.
    seeds.push(
      {
        ...seeds[0]!,
        refundRequestId: `${p}_DST1`,
        refundId: `${p}_D1`,
        createdAt: new Date('2005-03-27T00:59:59.999Z'),
        attentionReason: null,
      },
      {
        ...seeds[0]!,
        refundRequestId: `${p}_DST2`,
        refundId: null,
        createdAt: new Date('2005-03-27T01:00:00.000Z'),
        attentionReason: null,
      },
      {
        ...seeds[1]!,
        refundRequestId: `${p}_BIG`,
        refundId: `${p}_BIG`,
        paymentId: payments[6]!.paymentId,
        currency: 'EUR',
        amountValue: 2_000_000_000,
        createdAt: new Date('2005-12-31T23:59:59.999Z'),
      },
    );
    await insertRefunds(db, seeds);
    ids.push(...seeds.map((s) => s.refundRequestId));
  });
  afterAll(() => db.$disconnect());

  it('has the reference columns, in the same order', () => {
    expect(CSV_HEADER).toBe('\uFEFF' + csvLine(REFERENCE_COLUMNS));
  });

  it.each(['Asia/Singapore', 'Europe/London', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC'])(
    'writes the same bytes in %s, whatever the batch size',
    async (timeZone) => {
      const reference = Buffer.from(await referenceCsv(WINDOW, timeZone), 'utf8');
      // Everything seeded is in the file, both parts of the list are, and the awkward cases occur.
      const text = reference.toString('utf8');
      for (const id of ids) expect(text).toContain(id);
      expect(text).toContain(',yes,');
      expect(text).toContain(',no,');
      // The requester whose email starts like a formula is exported as text: quoted, a quote in front.
      expect(text).toContain(`"'=${p.toLowerCase()}+""x,y""@queries.test"`);
      // Batches formatted one at a time or several at once still come out in list order.
      for (const [batchSize, parallel] of [
        [1, 1],
        [2, 2],
        [7, 3],
        [5000, 2],
      ] as const) {
        const exported = await exportedBytes(WINDOW, timeZone, batchSize, parallel);
        expect(exported.toString('utf8')).toBe(text);
        expect(exported.equals(reference)).toBe(true);
      }
    },
  );

  it.each<[string, RefundFilters]>([
    ['needing attention', { ...WINDOW, status: 'ATTENTION' }],
    ['status', { ...WINDOW, status: 'PROCESSING' }],
    ['status UNKNOWN', { ...WINDOW, status: 'UNKNOWN' }],
    ['result code', { ...WINDOW, resultCode: 'ODD,"CODE"' }],
    ['initiator', { ...WINDOW, initiatorId: 'placeholder' }],
    ['an empty range', { from: new Date('2005-07-01T00:00:00Z'), to: new Date('2005-07-02T00:00:00Z') }],
  ])('writes the same bytes filtered by %s', async (_name, given) => {
    const filters = given.initiatorId ? { ...given, initiatorId: requester.id } : given;
    const reference = await referenceCsv(filters, 'Asia/Singapore');
    for (const batchSize of [1, 3, 5000])
      expect((await exportedBytes(filters, 'Asia/Singapore', batchSize)).toString('utf8')).toBe(reference);
  });

  it('checks the viewer before anything else', async () => {
    await expect(refundCsvStream(NOBODY, WINDOW)).rejects.toThrow(Forbidden);
  });
});
