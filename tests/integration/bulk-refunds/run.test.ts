// A confirmed batch against the real sandbox over HTTP: the worker (scripts/worker.ts, a process of
// its own) is killed mid-batch and another one finishes it, and the sandbox's ledger shows each row
// refunded once; a paused batch sends nothing more; a cancelled one releases what it held.
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  batchProgress,
  batchResultCsv,
  cancelBatch,
  confirmBatch,
  driveBatch,
  dryRunBatch,
  getBatch,
  pauseBatch,
  startBatchRunner,
  type BulkDeps,
} from '../../../lib/bulk-refunds';
import { startWorkerProcess } from '../../campaign/processes';
import { createPayment, eventually, ledger, startWorld, type World } from '../refunds/harness';

let world: World;
let bulk: BulkDeps;
beforeAll(async () => {
  world = await startWorld({ asyncDelayMs: 100 });
  bulk = { db: world.db, merchantKey: world.deps.antom.config.clientId, ratePerSecond: 25 };
});
afterAll(async () => {
  await world.stop();
});

async function batchOf(n: number, amount: (i: number) => string, currency = 'USD') {
  const payments = [];
  for (let i = 0; i < n; i++)
    payments.push(await createPayment(world, { amountValue: 10_000, method: 'ALIPAY_CN', currency }));
  const csv = [
    'paymentId,amount,reasonCode,note',
    ...payments.map((p, i) => `${p.paymentId},${amount(i)},EVENT_CANCELLED,run ${randomBytes(3).toString('hex')}`),
  ].join('\n');
  const { batchId } = await dryRunBatch(bulk, world.actor, Readable.from([Buffer.from(csv)]), { fileName: 'run.csv' });
  return { batchId, payments, csvText: csv };
}

const progress = async (batchId: string) => (await batchProgress(world.db, world.actor, batchId))!;

describe('running a bulk batch', () => {
  it(
    'a worker killed mid-batch and a new one send each row once (the sandbox ledger agrees)',
    { timeout: 180_000 },
    async () => {
      const { batchId, payments, csvText } = await batchOf(120, (i) => (i % 2 ? 'FULL' : '12.34'));
      await confirmBatch(bulk, world.actor, batchId);
      const env = {
        ...process.env,
        ...world.sandbox.appEnv,
        DATABASE_URL: process.env.DATABASE_URL!,
        ANTOM_TIMEOUT_MS: '1000',
        ANTOM_CONNECT_TIMEOUT_MS: '500',
        ANTOM_MAX_RETRIES: '1',
      };
      const log = path.join(os.tmpdir(), `bulk-worker-${process.pid}.log`);
      const first = await startWorkerProcess(env, log);
      await eventually('the first worker to send some rows', async () => (await progress(batchId)).sent >= 30, 60_000);
      first.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      const atKill = await progress(batchId);
      expect(atKill.sent).toBeLessThan(120);

      // The dead worker's lease runs out (30 s); time passes here instead of waiting for it.
      await world.db.refundBatch.update({ where: { id: batchId }, data: { leaseUntil: new Date() } });
      const second = await startWorkerProcess(env, log);
      try {
        await eventually(
          'the second worker to finish the batch',
          async () => (await world.db.refundBatch.findUniqueOrThrow({ where: { id: batchId } })).status === 'DONE',
          90_000,
        );
        // A send the kill cut off is settled by the reconciler with the same id once its in-flight
        // window passes (Antom has it: SUCCESS; it never left: FAILED, NEVER_REACHED_ANTOM after four
        // inquiries 15 s apart). Time passes here instead: each poll makes the open ones due.
        const ids = (
          await world.db.refundBatchRow.findMany({ where: { batchId }, select: { refundRequestId: true } })
        ).map((r) => r.refundRequestId!);
        await eventually(
          'every row final',
          async () => {
            const open = await world.db.refund.updateMany({
              where: { refundRequestId: { in: ids }, status: { in: ['CREATED', 'PROCESSING', 'UNKNOWN'] } },
              data: { nextCheckAt: new Date() },
            });
            return open.count === 0;
          },
          60_000,
        );
      } finally {
        await second.stop();
      }
      // Each row is one refund, under the row's id: refunded once at the sandbox, or (a send the kill
      // cut off before it left) never reached it and failed here, nothing refunded. Nothing else.
      const rows = await world.db.refundBatchRow.findMany({ where: { batchId }, orderBy: { row: 'asc' } });
      let neverReached = 0;
      for (const [i, p] of payments.entries()) {
        const { refunds } = await ledger(world, p.paymentId);
        const ours = await world.db.refund.findMany({ where: { paymentId: p.paymentId } });
        expect(ours).toHaveLength(1);
        expect(ours[0]!.refundRequestId).toBe(rows[i]!.refundRequestId);
        if (ours[0]!.status === 'FAILED') {
          expect(ours[0]!.resultCode).toBe('NEVER_REACHED_ANTOM');
          expect(refunds).toHaveLength(0);
          neverReached++;
          continue;
        }
        expect(ours[0]!.status).toBe('SUCCESS');
        expect(refunds).toHaveLength(1);
        expect(refunds[0]).toMatchObject({
          refundRequestId: rows[i]!.refundRequestId,
          applied: 1,
          status: 'SUCCESS',
          amountValue: i % 2 ? 10_000 : 1_234,
        });
      }
      // At most the sends in flight when it was killed (RunnerOptions.maxInFlight).
      expect(neverReached).toBeLessThanOrEqual(8);
      expect(await progress(batchId)).toMatchObject({
        toSend: 120,
        sent: 120,
        refunded: 120 - neverReached,
        skipped: 0,
      });
      const csv = (await batchResultCsv(world.db, world.actor, batchId))!.trim().split('\n');
      expect(csv[0]).toBe('row,paymentRef,refundRequestId,amount,currency,state,resultCode,whatToDo');
      expect(csv).toHaveLength(121);
      expect(csv[1]).toMatch(
        new RegExp(`^1,${payments[0]!.paymentId},${rows[0]!.refundRequestId},12.34,USD,Refunded,SUCCESS,`),
      );

      // Uploading the same file again opens the same batch: nothing is sent again.
      const again = await dryRunBatch(bulk, world.actor, Readable.from([Buffer.from(csvText)]), {
        fileName: 'again.csv',
      });
      expect(again).toEqual({ batchId, existing: true });
    },
  );

  it('pausing stops sending; cancelling releases the holds of rows not sent', { timeout: 90_000 }, async () => {
    const { batchId, payments } = await batchOf(30, () => '20.00');
    await confirmBatch({ ...bulk, ratePerSecond: 4 }, world.actor, batchId);
    const runner = await startBatchRunner(world.deps, {
      databaseUrl: process.env.DATABASE_URL!,
      sweepEveryMs: 200,
      runner: { sliceMs: 2_000 },
    });
    try {
      // Every row is reserved first (held), then sent at 4 a second.
      await eventually('every row reserved and a few sent', async () => {
        const p = await progress(batchId);
        return p.reserved === 30 && p.sent >= 3;
      });
      const held = await world.db.payment.findMany({
        where: { paymentId: { in: payments.map((p) => p.paymentId) } },
        select: { refundHeldValue: true },
      });
      expect(held.every((p) => p.refundHeldValue === 2_000)).toBe(true);

      await pauseBatch(bulk, world.actor, batchId);
      await new Promise((r) => setTimeout(r, 1_000)); // a send already started may finish
      const paused = (await progress(batchId)).sent;
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await progress(batchId)).sent).toBe(paused);
      expect(paused).toBeLessThan(30);

      await cancelBatch(world.deps, world.actor, batchId);
    } finally {
      await runner.stop();
    }
    const after = await progress(batchId);
    expect(after).toMatchObject({ status: 'CANCELLED', sent: expect.any(Number), cancelled: 30 - after.sent });
    const rows = await world.db.refundBatchRow.findMany({ where: { batchId }, orderBy: { row: 'asc' } });
    for (const [i, row] of rows.entries()) {
      const payment = await world.db.payment.findUniqueOrThrow({ where: { paymentId: payments[i]!.paymentId } });
      const refund = await world.db.refund.findUniqueOrThrow({ where: { refundRequestId: row.refundRequestId! } });
      const atAntom = (await ledger(world, payments[i]!.paymentId)).refunds;
      if (row.stage === 'SENT') {
        expect(payment.refundHeldValue).toBe(2_000);
        expect(atAntom).toHaveLength(1);
      } else {
        expect(row.stage).toBe('CANCELLED');
        expect(refund).toMatchObject({ status: 'CANCELLED', submitAttempts: 0 });
        expect(payment.refundHeldValue).toBe(0);
        expect(atAntom).toHaveLength(0);
      }
    }
  });

  it(
    'rows above an approval rule wait for approval like any refund; cancelling cancels the ones still waiting',
    { timeout: 60_000 },
    async () => {
      // A currency no other test file refunds in: the rule holds only this test's refunds.
      const rule = await world.db.approvalRule.create({
        data: { ruleId: randomUUID(), version: 1, kind: 'AMOUNT_ABOVE', currency: 'NZD', amountValue: 1_500 },
      });
      try {
        const { batchId, payments } = await batchOf(6, (i) => (i % 2 ? '20.00' : '10.00'), 'NZD');
        const dry = (await getBatch(world.db, world.actor, batchId))!;
        expect(dry).toMatchObject({ readyCount: 3, approvalCount: 3, refusedCount: 0 });
        await confirmBatch(bulk, world.actor, batchId);
        expect(await driveBatch(world.deps, batchId, 'test-runner', { sliceMs: 10_000 })).toBe('DONE');
        await eventually('the ready rows refunded', async () => (await progress(batchId)).refunded === 3);
        expect(await progress(batchId)).toMatchObject({ sent: 3, waitingApproval: 3, refunded: 3 });
        for (const [i, p] of payments.entries()) {
          const refund = await world.db.refund.findFirstOrThrow({ where: { paymentId: p.paymentId } });
          const payment = await world.db.payment.findUniqueOrThrow({ where: { paymentId: p.paymentId } });
          expect(refund.status).toBe(i % 2 ? 'PENDING_APPROVAL' : 'SUCCESS');
          expect(payment.refundHeldValue).toBe(i % 2 ? 2_000 : 1_000); // waiting: held, not sent
          expect((await ledger(world, p.paymentId)).refunds).toHaveLength(i % 2 ? 0 : 1);
        }
        await cancelBatch(world.deps, world.actor, batchId);
        for (const [i, p] of payments.entries()) {
          if (!(i % 2)) continue;
          const refund = await world.db.refund.findFirstOrThrow({ where: { paymentId: p.paymentId } });
          expect(refund.status).toBe('CANCELLED');
          expect(
            (await world.db.payment.findUniqueOrThrow({ where: { paymentId: p.paymentId } })).refundHeldValue,
          ).toBe(0);
          expect((await ledger(world, p.paymentId)).refunds).toHaveLength(0);
        }
        expect(await progress(batchId)).toMatchObject({
          status: 'CANCELLED',
          sent: 3,
          cancelled: 3,
          waitingApproval: 0,
        });
      } finally {
        await world.db.approvalRule.update({ where: { id: rule.id }, data: { validTo: new Date() } });
      }
    },
  );
});
