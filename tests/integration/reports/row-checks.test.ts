// The report import checks and converts rows in SQL (lib/reports/stage.ts) and leaves every row it
// does not take to format.ts's readRow (zod). Sound only if every row the SQL takes is one readRow
// takes too, converted to the same values. Here both get the same generated rows: plain ones, and ones
// with spaces, tabs, lower case, other decimals, long or non-ASCII values, other time shapes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf, type Db } from '../../../lib/db/client';
import {
  readRow,
  SETTLEMENT_COLUMNS,
  TRANSACTION_COLUMNS,
  TIME_PATTERN,
  type ReportKind,
} from '../../../lib/reports/format';
import { convertedRows, exponentsJson, SQL_TIME_SHAPES } from '../../../lib/reports/stage';
import { testPrisma } from '../../setup/database';

let db: Db;
beforeAll(() => {
  db = testPrisma();
});
afterAll(async () => {
  await db.$disconnect();
});

// Mostly the first (plain) value, so that whole rows are often plain; the others often enough.
const pick = <T>(values: readonly T[]) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(values[0]!) }, { weight: 3, arbitrary: fc.constantFrom(...values) });
const ids = pick([
  '',
  'P1',
  'PAY_000001',
  ' P1',
  'P1 ',
  '\tP1',
  'P1\u00a0',
  'Pé1',
  'x'.repeat(64),
  'x'.repeat(65),
  'ü'.repeat(40),
  // \x01 joins the fields in stage.ts's check of their ends: at either end, inside, alone, beside a space.
  'P1\x01',
  '\x01P1',
  'P\x011',
  '\x01',
  '\x01 P1',
  'P1 \x01',
]);
const types = pick(['PAYMENT', 'REFUND', 'refund', ' REFUND', 'DISPUTE', 'CAPTURE', '', 'ß', 'x'.repeat(33)]);
const statuses = pick(['SUCCESS', '', 'success', 'FAILED', ' SUCCESS', 'x'.repeat(33)]);
const amounts = pick([
  '12.50',
  '1500',
  '-3.000',
  '0.00',
  '12.5',
  '1.2345',
  '10.5',
  ' 12.50',
  '12.50 ',
  '.5',
  '5.',
  '-',
  '1e3',
  'abc',
  '-0.00',
  '21474836.47',
  '21474836.48',
  '2147483647',
  '2147483648',
  '000000000012',
  '99999999999999999999',
  '',
]);
const currencies = pick(['USD', 'JPY', 'KWD', 'BHD', 'usd', ' USD', 'XYZ', 'US', 'USDX', '', 'EUR']);
const optionalCurrencies = pick(['USD', '', 'JPY', 'kwd', 'XYZ', ' EUR']);
const times = pick([
  '2026-11-30T10:00:00Z',
  '',
  '2026-11-30T10:00:00.123Z',
  '2026-11-30T10:00:00+08:00',
  '2026-11-30T10:00:00-05:30',
  '2026-11-30T10:00:00.123+08:00',
  '2026-11-30 10:00:00',
  '2026-11-30',
  '2026-11-30T10:00:00+0800',
  '2026-11-30T10:00',
  ' 2026-11-30T10:00:00Z',
  'Nov 30 2026',
  'now',
  '30/11/2026',
]);

const settlementRow = fc.record({
  settlementBatchId: pick(['SB1', '', ' SB1', 'x'.repeat(65)]),
  customerId: fc.constant('M1'),
  acquirer: fc.constant('Antom'),
  transactionId: ids,
  originalTransactionId: ids,
  transactionRequestId: ids,
  originalTransactionRequestId: ids,
  transactionType: types,
  paymentMethodType: pick(['ALIPAY_CN', '', ' CARD']),
  transactionAmountValue: amounts,
  transactionCurrency: currencies,
  settlementAmountValue: amounts,
  settlementCurrency: optionalCurrencies,
  feeAmountValue: amounts,
  feeCurrency: optionalCurrencies,
  transactionTime: times,
  settlementTime: times,
});
const transactionRow = fc.record({
  customerId: fc.constant('M1'),
  acquirer: fc.constant('Antom'),
  transactionId: ids,
  originalTransactionId: ids,
  transactionRequestId: ids,
  originalTransactionRequestId: ids,
  transactionType: types,
  transactionStatus: statuses,
  paymentMethodType: pick(['ALIPAY_CN', '', ' CARD']),
  transactionAmountValue: amounts,
  transactionCurrency: currencies,
  transactionTime: times,
});

async function compare(kind: ReportKind, header: readonly string[], rows: Record<string, string>[]) {
  const columns = new Map(header.map((name, i) => [name, i]));
  const records = rows.map((row) => header.map((name) => row[name] ?? ''));
  const client = await poolOf(db).connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE report_raw (line bigint, ${header.map((_, i) => `c${i + 1} text`).join(', ')}) ON COMMIT DROP`,
    );
    await client.query(
      `INSERT INTO report_raw SELECT * FROM unnest($1::bigint[], ${header.map((_, i) => `$${i + 2}::text[]`).join(', ')})`,
      [records.map((_, i) => i + 1), ...header.map((_, c) => records.map((r) => r[c]))],
    );
    const taken = await client.query(convertedRows(columns, kind, 'report_raw'), [exponentsJson()]);
    await client.query('ROLLBACK');
    const byLine = new Map(taken.rows.map((r: { line: number }) => [Number(r.line), r]));
    records.forEach((record, i) => {
      const sql = byLine.get(i + 1) as Record<string, unknown> | undefined;
      if (!sql) return; // left to readRow, whatever it decides
      // Taken by SQL: readRow must take it too, with the same values.
      const row = readRow(record, columns, i + 2, kind);
      expect({
        transaction_id: sql.transaction_id,
        transaction_type: sql.transaction_type,
        transaction_status: sql.transaction_status,
        transaction_request_id: sql.transaction_request_id,
        original_transaction_id: sql.original_transaction_id,
        original_transaction_request_id: sql.original_transaction_request_id,
        amount_value: sql.amount_value,
        currency: sql.currency,
        payment_method_type: sql.payment_method_type,
        settlement_batch_id: sql.settlement_batch_id,
        settlement_amount_value: sql.settlement_amount_value,
        settlement_currency: sql.settlement_currency,
        fee_amount_value: sql.fee_amount_value,
        fee_currency: sql.fee_currency,
      }).toEqual({
        transaction_id: row.transactionId,
        transaction_type: row.transactionType,
        transaction_status: row.transactionStatus,
        transaction_request_id: row.transactionRequestId,
        original_transaction_id: row.originalTransactionId,
        original_transaction_request_id: row.originalTransactionRequestId,
        amount_value: row.amountValue,
        currency: row.currency,
        payment_method_type: row.paymentMethodType,
        settlement_batch_id: row.settlementBatchId,
        settlement_amount_value: row.settlementAmountValue,
        settlement_currency: row.settlementCurrency,
        fee_amount_value: row.feeAmountValue,
        fee_currency: row.feeCurrency,
      });
      // A time with its zone is the same instant; one without is read in the server's zone either way.
      if (row.transactionTime && /Z|[+-]\d\d:\d\d$/.test(row.transactionTime)) {
        expect((sql.transaction_time as Date).getTime()).toBe(Date.parse(row.transactionTime));
      }
    });
    return { taken: byLine.size, all: records.length };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

describe('the SQL row checks', () => {
  it('time shapes they take are ones format.ts allows', () => {
    for (const shape of SQL_TIME_SHAPES) expect(TIME_PATTERN.test(shape.replaceAll('9', '1'))).toBe(true);
  });

  it('take only rows readRow takes, converted to the same values (transaction report)', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(transactionRow, { minLength: 40, maxLength: 40 }), async (rows) => {
        taken += (await compare('TRANSACTIONS', TRANSACTION_COLUMNS, rows)).taken;
      }),
      { numRuns: 25 },
    );
    // The property says nothing if SQL took nothing: it must take the plain rows among them.
    expect(taken).toBeGreaterThan(0);
  });

  it('take only rows readRow takes, converted to the same values (settlement report)', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(settlementRow, { minLength: 40, maxLength: 40 }), async (rows) => {
        taken += (await compare('SETTLEMENT', SETTLEMENT_COLUMNS, rows)).taken;
      }),
      { numRuns: 25 },
    );
    expect(taken).toBeGreaterThan(0);
  });

  it('take a plain row of each kind', async () => {
    const plain = {
      customerId: 'M1',
      acquirer: 'Antom',
      transactionId: 'R1',
      originalTransactionId: 'P1',
      transactionRequestId: 'REQ1',
      originalTransactionRequestId: 'ORD1',
      transactionType: 'REFUND',
      transactionStatus: 'SUCCESS',
      paymentMethodType: 'ALIPAY_CN',
      transactionAmountValue: '-12.500',
      transactionCurrency: 'KWD',
      transactionTime: '2026-11-30T10:00:00+08:00',
      settlementBatchId: 'SB1',
      settlementAmountValue: '-12.50',
      settlementCurrency: 'USD',
      feeAmountValue: '0.10',
      feeCurrency: '',
      settlementTime: '2026-11-30T23:00:00Z',
    };
    expect(await compare('TRANSACTIONS', TRANSACTION_COLUMNS, [plain])).toEqual({ taken: 1, all: 1 });
    expect(await compare('SETTLEMENT', SETTLEMENT_COLUMNS, [plain])).toEqual({ taken: 1, all: 1 });
  });
});
