// The bulk refunds part of `npm run bench` (issue 16; BENCH_ONLY=bulk runs only it): a 10,000-row file
// (BENCH_BULK_ROWS) dry-run, confirmed and run by lib/bulk-refunds' runner against a sandbox in its own
// process with zero added latency, at a configured rate (BENCH_BULK_RATE rows a second, default 100:
// the app's default of 10 would take 17 minutes). On a database of its own on the scale server
// (created, migrated, dropped), so the scale data is never touched.
// What it shows: the rows sent per second against the configured rate (the batch is limited by the
// rate when they agree), and each row's send time (p50/p95: reserve is done before; this is the claim,
// Antom's call and the answer applied), which bounds what the dashboard could do without the limit.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { confirmBatch, driveBatch, dryRunBatch } from '../../lib/bulk-refunds';
import {
  createAntomClient,
  loadAntomConfig,
  prismaRecorder,
  privateKeyToBase64,
  publicKeyToBase64,
} from '../../lib/antom';
import { createPrismaClient } from '../../lib/db/client';
import { DEFAULT_SANDBOX_CLIENT_ID, sandboxAdmin } from '../../sandbox';
import { applyMigrations } from '../../tools/db/migrations';
import { startBenchSandbox } from './refund-initiation';
import { concurrentLoad, percentile } from './measure';

export interface BulkBenchResult {
  rows: number;
  configuredRate: number;
  dryRunSeconds: number;
  reserveSeconds: number;
  reservePerSecond: number;
  sendSeconds: number;
  sentPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  refunded: number;
  /** The rate held within 5%, and one row's p95 leaves room: limited by the rate, not the dashboard. */
  pass: { rateLimited: boolean; allRefunded: boolean };
}

export async function benchBulkRefunds(
  adminUrl: string,
  rows = Number(process.env.BENCH_BULK_ROWS ?? 10_000),
  rate = Number(process.env.BENCH_BULK_RATE ?? 100),
): Promise<BulkBenchResult> {
  const name = `bulk_refund_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dir = path.join(os.tmpdir(), name);
  await mkdir(dir, { recursive: true });
  // Keys of this run's own, written where the sandbox process reads them.
  const pem = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const antomPrivate = pem();
  const merchantPrivate = pem();
  await writeFile(path.join(dir, 'antom-private.pem'), antomPrivate);
  await writeFile(path.join(dir, 'merchant-private.pem'), merchantPrivate);
  // Card refunds are not in the file; ALIPAY_CN answers at once. Notifications are acknowledged, not applied.
  const ack = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}'));
  });
  await new Promise<void>((resolve) => ack.listen(0, '127.0.0.1', resolve));
  const notifyUrl = `http://127.0.0.1:${(ack.address() as AddressInfo).port}/api/antom/notify-refund`;
  const sandbox = await startBenchSandbox(dir, notifyUrl);
  const db = createPrismaClient(url.toString(), { max: 10 });
  try {
    await applyMigrations(url.toString());
    console.log(`Bulk refunds: ${rows} payments, a ${rows}-row file, sent at ${rate} rows a second…`);
    const fill = new pg.Client({ connectionString: url.toString() });
    await fill.connect();
    await fill.query(
      `INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at, paid_at, updated_at)
       SELECT 'BB' || lpad(i::text, 7, '0'), 'BBREQ_' || lpad(i::text, 7, '0'), 'ONLINE', 10000, 'USD', 'ALIPAY_CN', 'SUCCESS',
              now() - interval '1 day', now() - interval '1 day', now()
         FROM generate_series(1, $1::int) AS i`,
      [rows],
    );
    await fill.end();
    const sandboxPayments = sandboxAdmin(sandbox.url);
    await concurrentLoad(
      Array.from({ length: rows }, (_, i) => i + 1),
      8,
      async (i) => {
        const id = String(i).padStart(7, '0');
        await sandboxPayments.registerPayment({
          paymentId: `BB${id}`,
          paymentRequestId: `BBREQ_${id}`,
          channel: 'ONLINE',
          amountValue: 10_000,
          currency: 'USD',
          method: 'ALIPAY_CN',
          status: 'SUCCESS',
          createdAt: new Date(Date.now() - 86_400_000).toISOString(),
        });
      },
    );
    const actor = await db.user.create({
      data: { email: 'bulk.bench@bench.local', name: 'Bulk bench', role: 'REFUNDER', passwordHash: 'x' },
      select: { id: true, role: true },
    });
    const config = loadAntomConfig({
      ANTOM_GATEWAY_URL: sandbox.url,
      ANTOM_CLIENT_ID: DEFAULT_SANDBOX_CLIENT_ID,
      ANTOM_MERCHANT_PRIVATE_KEY: privateKeyToBase64(createPrivateKey(merchantPrivate)),
      ANTOM_PUBLIC_KEY: publicKeyToBase64(createPublicKey(antomPrivate)),
      ANTOM_KEY_VERSION: '1',
    });
    const engine = { db, antom: createAntomClient({ config, recorder: prismaRecorder(db) }), notifyUrl };
    const bulk = { db, merchantKey: config.clientId, ratePerSecond: rate };

    const csv = ['paymentId,amount,reasonCode,note'];
    for (let i = 1; i <= rows; i++)
      csv.push(`BB${String(i).padStart(7, '0')},${i % 2 ? 'FULL' : '12.34'},EVENT_CANCELLED,`);
    let started = performance.now();
    const { batchId } = await dryRunBatch(bulk, { id: actor.id, role: 'REFUNDER' }, Readable.from([csv.join('\n')]), {
      fileName: 'bench.csv',
    });
    const dryRunSeconds = (performance.now() - started) / 1000;
    await confirmBatch(bulk, { id: actor.id, role: 'REFUNDER' }, batchId);

    // The runner as the worker runs it, in slices, until done; each send timed.
    const sends: number[] = [];
    let firstSendAt = 0;
    let lastSendAt = 0;
    started = performance.now();
    for (;;) {
      const outcome = await driveBatch(engine, batchId, 'bench-runner', {
        sliceMs: 600_000,
        onRowSent: (ms) => {
          const now = performance.now();
          if (!firstSendAt) firstSendAt = now - ms;
          lastSendAt = now;
          sends.push(ms);
        },
      });
      if (outcome === 'DONE') break;
      if (outcome !== 'MORE') throw new Error(`The bench batch stopped: ${outcome}`);
    }
    const reserveSeconds = (firstSendAt - started) / 1000;
    const sendSeconds = (lastSendAt - firstSendAt) / 1000;
    sends.sort((a, b) => a - b);
    const [{ refunded }] = (await db.$queryRaw<{ refunded: number }[]>`
        SELECT count(*)::int AS refunded FROM refunds r JOIN refund_batch_rows b ON b.refund_request_id = r.refund_request_id
         WHERE b.batch_id = ${batchId}::uuid AND r.status = 'SUCCESS'`) as [{ refunded: number }];
    const sentPerSecond = sends.length / sendSeconds;
    const p95Ms = percentile(sends, 95);
    const result: BulkBenchResult = {
      rows,
      configuredRate: rate,
      dryRunSeconds,
      reserveSeconds,
      reservePerSecond: rows / reserveSeconds,
      sendSeconds,
      sentPerSecond,
      p50Ms: percentile(sends, 50),
      p95Ms,
      refunded,
      pass: {
        // The configured rate held (within 5%), and a row's p95 is well inside the 8 in flight the rate
        // allows for: the dashboard was waiting on the rate, not the other way round.
        rateLimited: Math.abs(sentPerSecond - rate) / rate <= 0.05 && p95Ms < (1000 / rate) * 8,
        allRefunded: refunded === rows,
      },
    };
    console.table({
      'dry run (s)': result.dryRunSeconds.toFixed(1),
      'reserve (rows/s)': result.reservePerSecond.toFixed(0),
      'configured rate (rows/s)': rate,
      'sent (rows/s)': result.sentPerSecond.toFixed(1),
      'send p50 (ms)': result.p50Ms.toFixed(1),
      'send p95 (ms)': result.p95Ms.toFixed(1),
      refunded: `${refunded} of ${rows}`,
      'limited by the rate': result.pass.rateLimited ? 'yes' : 'NO',
    });
    return result;
  } finally {
    await db.$disconnect().catch(() => {});
    await sandbox.stop();
    await new Promise((resolve) => ack.close(resolve));
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  }
}
