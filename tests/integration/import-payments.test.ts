// `npm run import:payments -- ids.txt` as an operator runs it: the script in its own process, the
// run's PostgreSQL, and an Antom sandbox over HTTP that knows payments the dashboard never saw.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../lib/db/client';
import { sandboxAdmin, startSandbox, type RunningSandbox } from '../../sandbox';
import { FIXED_KEYS } from './antom/harness';

let sandbox: RunningSandbox;
let db: Db;
const dir = mkdtempSync(path.join(tmpdir(), 'import-payments-'));

beforeAll(async () => {
  sandbox = await startSandbox({ persist: false, seed: false, keys: FIXED_KEYS });
  db = createPrismaClient(process.env.DATABASE_URL, { max: 2 });
});
afterAll(async () => {
  await sandbox?.stop();
  await db?.$disconnect();
});

/** Runs the script (asynchronously: the sandbox answering it lives in this process). */
function importPayments(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/import-payments.ts', ...args], {
      env: {
        ...process.env,
        ...sandbox.appEnv,
        ANTOM_TIMEOUT_MS: '1000',
        ANTOM_MAX_RETRIES: '0',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function idsFile(lines: string[]): string {
  const file = path.join(dir, `ids-${randomBytes(4).toString('hex')}.txt`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

async function atAntomOnly(channel: 'ONLINE' | 'IN_STORE', status: 'SUCCESS' | 'CANCELLED' = 'SUCCESS') {
  const n = `${Date.now()}${randomBytes(3).toString('hex')}`;
  const payment = {
    paymentId: `CLI${n}`,
    paymentRequestId: `${channel === 'ONLINE' ? 'ORD' : 'POS'}_CLI_${n}`,
    channel,
    amountValue: 2_000,
    currency: 'USD',
    method: 'ALIPAY_CN',
    status,
  };
  await sandboxAdmin(sandbox.url).registerPayment(payment);
  return payment;
}

const rowOf = (stdout: string, id: string) => stdout.split('\n').find((l) => l.split(/\s{2,}/)[1] === id) ?? '';

describe('importing many ids from a file', () => {
  it('imports what Antom knows on either channel, says what it did not, and a rerun asks nothing again', async () => {
    const online = await atAntomOnly('ONLINE');
    const byPaymentId = await atAntomOnly('ONLINE', 'CANCELLED');
    const inStore = await atAntomOnly('IN_STORE');
    const unknown = `ORD_CLI_NOWHERE_${randomBytes(4).toString('hex')}`;
    const file = idsFile([
      '# ids from the shop export',
      online.paymentRequestId,
      '',
      `  ${byPaymentId.paymentId}  `,
      inStore.paymentRequestId,
      unknown,
      online.paymentRequestId,
    ]);

    const first = await importPayments([file]);
    expect(first.stderr).toContain(`Looking up 4 ids at ${new URL(sandbox.url).host} (Online, In-store)`);
    expect(first.stderr).toContain(`4/4 ${unknown}: not found at Antom`); // progress, one line an id off a terminal
    expect(first.stderr).toContain(`${file}:7: ${online.paymentRequestId}: repeats line 2; asked once`);
    expect(rowOf(first.stdout, online.paymentRequestId)).toMatch(/^2 +\S+ +imported +Online +SUCCESS +CLI\d+/);
    expect(rowOf(first.stdout, byPaymentId.paymentId)).toMatch(
      /imported, not refundable \(CANCELLED\) +Online +CANCELLED/,
    );
    expect(rowOf(first.stdout, inStore.paymentRequestId)).toMatch(/imported +In-store +SUCCESS/);
    expect(rowOf(first.stdout, unknown)).toMatch(/not found at Antom$/);
    expect(first.stdout).toContain('4 ids: 2 imported, 1 imported, not refundable, 1 not found at Antom');
    expect(first.stdout).toContain('It may be a payment of another merchant');
    expect(first.code).toBe(0);
    for (const p of [online, byPaymentId, inStore])
      expect(await db.payment.findUnique({ where: { paymentId: p.paymentId } })).toMatchObject({
        paymentRequestId: p.paymentRequestId,
        channel: p.channel,
        amountValue: 2_000,
        status: p.status,
      });
    expect(
      await db.auditLog.count({
        where: {
          action: 'payment.lookup',
          actorType: 'SYSTEM',
          details: { path: ['via'], equals: 'npm run import:payments' },
          paymentId: inStore.paymentId,
        },
      }),
    ).toBe(1);

    const callsAbout = (id: string) => db.antomCall.count({ where: { requestBody: { contains: `"${id}"` } } });
    const before = await Promise.all([online.paymentRequestId, inStore.paymentRequestId, unknown].map(callsAbout));
    const again = await importPayments([file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('4 ids: 3 already in the dashboard, 1 not found at Antom');
    // Only the id Antom did not know is asked again (three questions: two online, one in store).
    const after = await Promise.all([online.paymentRequestId, inStore.paymentRequestId, unknown].map(callsAbout));
    expect(after.map((n, i) => n - before[i]!)).toEqual([0, 0, 3]);
  });

  it('leaves what Antom could not answer for a rerun, and exits 1 until it is decided', async () => {
    const online = await atAntomOnly('ONLINE');
    const file = idsFile([online.paymentId]);
    await sandboxAdmin(sandbox.url).setFaults([{ fault: 'badSignature', apis: ['inquiryPayment.online'] }], {
      replace: true,
    });
    let run;
    try {
      run = await importPayments([file], { ANTOM_CHANNELS: 'ONLINE' });
    } finally {
      await sandboxAdmin(sandbox.url).resetFaults();
    }
    expect(run.code).toBe(1);
    expect(rowOf(run.stdout, online.paymentId)).toMatch(/Antom unreachable: retry$/);
    expect(run.stdout).toContain('Nothing was changed. Try again in a minute.');
    expect(run.stdout).toContain('Run the same command again to retry them: ids already imported are skipped.');
    expect(await db.payment.findUnique({ where: { paymentId: online.paymentId } })).toBeNull();

    const rerun = await importPayments([file], { ANTOM_CHANNELS: 'ONLINE' });
    expect(rerun.code).toBe(0);
    expect(rowOf(rerun.stdout, online.paymentId)).toMatch(/imported +Online/);
  });

  it('names bad lines, imports the good ones, and exits 1', async () => {
    const online = await atAntomOnly('ONLINE');
    const run = await importPayments([idsFile(['has a space', online.paymentRequestId])]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/:1: has a space: not an id: Antom ids contain no spaces or control characters/);
    expect(run.stdout).toContain('Lines skipped:\n  line 1 (has a space): not an id');
    expect(rowOf(run.stdout, online.paymentRequestId)).toMatch(/imported/);
  });
});

describe('a file or setting it cannot use: one clear line, exit 2, nothing asked', () => {
  it.each([
    [[], /^Usage: npm run import:payments -- <file>/],
    [['/nonexistent/ids.txt'], /^Cannot read \/nonexistent\/ids\.txt: no such file\.$/],
    [[tmpdir()], /: it is a folder\.$/],
    [['EMPTY'], /has no ids to look up: one paymentId or paymentRequestId a line/],
  ])('%j', async (args, message) => {
    const run = await importPayments(args.map((a) => (a === 'EMPTY' ? idsFile(['# nothing yet', '']) : a)));
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('without Antom configured', async () => {
    const run = await importPayments([idsFile(['ORD_1'])], { ANTOM_GATEWAY_URL: '' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^Cannot import: no Antom is configured\. Set ANTOM_GATEWAY_URL/);
  });
});
