// The dry run of a bulk refund file on a real PostgreSQL: a 10,000-row file with bad rows planted at
// known places refuses exactly those rows, each for its reason, and nothing is reserved or sent.
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchResultCsv, BatchFileRefused, dryRunBatch, getBatch, type BulkDeps } from '../../../lib/bulk-refunds';
import type { Db } from '../../../lib/db/client';
import { testPrisma } from '../../setup/database';

let db: Db;
let deps: BulkDeps;
let actor: { id: string; role: 'REFUNDER' };
beforeAll(async () => {
  db = testPrisma();
  deps = { db, merchantKey: `TEST_${randomBytes(4).toString('hex')}`, ratePerSecond: 10 };
  const user = await db.user.create({
    data: {
      email: `bulk_${randomBytes(6).toString('hex')}@test.local`,
      name: 'Bulk',
      role: 'REFUNDER',
      passwordHash: 'x',
    },
    select: { id: true },
  });
  actor = { id: user.id, role: 'REFUNDER' };
});
afterAll(async () => {
  await db.$disconnect();
});

const file = (text: string) => Readable.from([Buffer.from(text)]);

/** Payments straight into our database (the dry run asks nothing of Antom). */
async function payments(
  n: number,
  options: { currency: string; amountValue: number; method?: string; status?: 'SUCCESS' | 'FAIL' },
) {
  const tag = randomBytes(5).toString('hex');
  const paidAt = new Date(Date.now() - 86_400_000);
  const rows = Array.from({ length: n }, (_, i) => ({
    paymentId: `PB${tag}${i}`,
    paymentRequestId: `RQB${tag}${i}`,
    channel: 'ONLINE' as const,
    amountValue: options.amountValue,
    currency: options.currency,
    method: options.method ?? 'ALIPAY_CN',
    status: options.status ?? 'SUCCESS',
    createdAt: paidAt,
    paidAt,
  }));
  await db.payment.createMany({ data: rows });
  return rows;
}

describe('a bulk refund dry run', () => {
  it(
    'refuses exactly the planted bad rows of a 10,000-row file, each for its reason',
    { timeout: 120_000 },
    async () => {
      const usd = await payments(7_000, { currency: 'USD', amountValue: 5_000 });
      const jpy = await payments(3_500, { currency: 'JPY', amountValue: 3_000 });
      const failed = await payments(7, { currency: 'USD', amountValue: 5_000, status: 'FAIL' });
      const konbini = await payments(9, { currency: 'JPY', amountValue: 3_000, method: 'KONBINI' });

      const lines = ['paymentId,paymentRequestId,amount,reasonCode,note'];
      const planted = new Map<number, string>();
      const plant = (code: string, line: string) => {
        lines.push(line);
        planted.set(lines.length - 1, code);
      };
      let u = 0;
      let j = 0;
      let lastOkUsd = '';
      let expectedUsd = 0;
      let expectedJpy = 0;
      const ok = (line: string, currency: 'USD' | 'JPY', value: number) => {
        lines.push(line);
        if (currency === 'USD') expectedUsd += value;
        else expectedJpy += value;
      };
      for (let row = 1; lines.length <= 10_000; row++) {
        // Bad rows at fixed intervals, each kind its own count.
        if (row % 257 === 0) plant('UNKNOWN_PAYMENT', `PNOPE${row},,10.00,CUSTOMER_REQUEST,`);
        else if (row % 263 === 0 && lastOkUsd) plant('DUPLICATE_ROW', `${lastOkUsd},,1.00,CUSTOMER_REQUEST,again`);
        else if (row % 269 === 0) plant('OVER_REFUNDABLE', `${usd[u++]!.paymentId},,50.01,EVENT_CANCELLED,`);
        else if (row % 271 === 0) plant('DECIMALS', `${jpy[j++]!.paymentId},,12.5,EVENT_CANCELLED,`);
        else if (row % 277 === 0) plant('DECIMALS', `${usd[u++]!.paymentId},,1.234,EVENT_CANCELLED,`);
        else if (row % 281 === 0) plant('BAD_REASON', `${usd[u++]!.paymentId},,1.00,BECAUSE,`);
        else if (row % 283 === 0) plant('BAD_ROW', `,,1.00,CUSTOMER_REQUEST,no id`);
        else if (row % 293 === 0 && failed.length) plant('NOT_REFUNDABLE', `${failed.pop()!.paymentId},,FULL,OTHER,`);
        else if (row % 307 === 0 && konbini.length) plant('NOT_REFUNDABLE', `${konbini.pop()!.paymentId},,FULL,OTHER,`);
        else if (row % 3 === 0 && j < jpy.length)
          ok(`,${jpy[j++]!.paymentRequestId},FULL,SERVICE_OUTAGE,outage`, 'JPY', 3_000);
        else {
          lastOkUsd = usd[u++]!.paymentId;
          ok(`${lastOkUsd},,12.34,customer_request,"note, with a comma"`, 'USD', 1_234);
        }
      }
      expect(lines.length - 1).toBe(10_000);
      const expectedCounts: Record<string, number> = {};
      for (const code of planted.values()) expectedCounts[code] = (expectedCounts[code] ?? 0) + 1;

      const started = performance.now();
      const { batchId, existing } = await dryRunBatch(deps, actor, file(lines.join('\r\n') + '\r\n'), {
        fileName: 'big.csv',
      });
      console.log(`dry run of 10,000 rows: ${Math.round(performance.now() - started)} ms`);
      expect(existing).toBe(false);
      const batch = (await getBatch(db, actor, batchId))!;
      expect(batch).toMatchObject({
        status: 'DRY_RUN',
        rowCount: 10_000,
        refusedCount: planted.size,
        approvalCount: 0,
      });
      expect(batch.readyCount).toBe(10_000 - planted.size);
      expect(Object.fromEntries(batch.problems.map((p) => [p.code, p.count]))).toEqual(expectedCounts);
      expect(batch.totals).toEqual([
        { currency: 'JPY', rows: expectedJpy / 3_000, value: expectedJpy },
        { currency: 'USD', rows: expectedUsd / 1_234, value: expectedUsd },
      ]);
      // Exactly the planted rows, no other.
      const refused = await db.refundBatchRow.findMany({
        where: { batchId, verdict: 'REFUSED' },
        select: { row: true, problemCode: true },
        orderBy: { row: 'asc' },
      });
      expect(refused).toEqual([...planted].map(([row, problemCode]) => ({ row, problemCode })));
      // A dry run reserves nothing.
      expect(
        await db.refund.count({
          where: { refundRequestId: { startsWith: `RB_` }, paymentId: { in: usd.map((p) => p.paymentId) } },
        }),
      ).toBe(0);
      expect((await db.payment.findUniqueOrThrow({ where: { paymentId: usd[0]!.paymentId } })).refundHeldValue).toBe(0);
      // Its result file says so: a good row waits for the batch's confirmation, not for its turn.
      const csv = (await batchResultCsv(db, actor, batchId))!.trim().split('\n');
      expect(csv[1]).toMatch(/,"Checked, not sent \(dry run\)",,Confirm the batch to send it\.$/);
      expect(csv.filter((line) => line.includes('sent in its turn'))).toEqual([]);

      // The same bytes again are the same batch (checked again while still a dry run).
      const again = await dryRunBatch(deps, actor, file(lines.join('\r\n') + '\r\n'), { fileName: 'big-again.csv' });
      expect(again.batchId).toBe(batchId);
    },
  );

  it('refuses a file that cannot be a batch, with words, and stores nothing', async () => {
    const before = await db.refundBatch.count();
    await expect(
      dryRunBatch(deps, actor, file('amount,reasonCode\n1.00,OTHER\n'), { fileName: 'x.csv' }),
    ).rejects.toThrow(/paymentId or paymentRequestId/);
    await expect(dryRunBatch(deps, actor, file('paymentId,amount\nP1,1.00\n'), { fileName: 'x.csv' })).rejects.toThrow(
      /no reasonCode column/,
    );
    await expect(dryRunBatch(deps, actor, file(''), { fileName: 'x.csv' })).rejects.toThrow(BatchFileRefused);
    await expect(
      dryRunBatch(deps, actor, file('paymentId,amount,reasonCode\n"P1,1.00,OTHER\n'), { fileName: 'x.csv' }),
    ).rejects.toThrow(/Not a valid CSV file/);
    const tooMany = ['paymentId,amount,reasonCode', ...Array.from({ length: 10_001 }, (_, i) => `P${i},1.00,OTHER`)];
    await expect(dryRunBatch(deps, actor, file(tooMany.join('\n')), { fileName: 'x.csv' })).rejects.toThrow(
      /more than 10,000 rows/,
    );
    await expect(
      dryRunBatch(deps, { ...actor, role: 'VIEWER' as 'REFUNDER' }, file('paymentId,amount,reasonCode\nP1,1,OTHER\n'), {
        fileName: 'x.csv',
      }),
    ).rejects.toThrow(/role does not allow/);
    expect(await db.refundBatch.count()).toBe(before);
  });
});
