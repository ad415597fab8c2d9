// Refund initiation through the engine (lib/refunds/initiate.ts), called in this process against the
// scale database and a sandbox in its own process (sandbox-process.ts; zero added latency). The
// engine runs as in the app, with a pool of the app's size; what the server action adds on top
// (session, form parsing, re-rendering the page) is what the page rows measure, not this one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  createAntomClient,
  loadAntomConfig,
  prismaRecorder,
  privateKeyToBase64,
  publicKeyToBase64,
} from '../../lib/antom';
import { DEFAULT_SANDBOX_CLIENT_ID, sandboxAdmin } from '../../sandbox';
import { loadSandboxKeys } from '../../sandbox/keys';
import type { Db } from '../../lib/db/client';
import type { RefundEngineDeps } from '../../lib/refunds/engine-deps';
import { initiateRefund } from '../../lib/refunds/initiate';
import { BENCH_KEY_PREFIX } from './cleanup';
import { concurrentLoad, type Timing } from './measure';

export interface InitiationResult extends Timing {
  /** How the refunds ended up, e.g. "SUCCESS": 1700, "FAILED REFUND_WINDOW_EXCEED": 2. */
  outcomes: Record<string, number>;
}

interface Candidate {
  payment_id: string;
  payment_request_id: string;
  channel: 'ONLINE' | 'IN_STORE';
  amount_value: number;
  currency: string;
  method: string;
  created_at: Date;
}

export interface BenchSandbox {
  url: string;
  stop(): Promise<void>;
}

export async function startBenchSandbox(keysDir: string, notifyUrl: string): Promise<BenchSandbox> {
  const child = spawn(
    process.execPath,
    [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('tests', 'bench', 'sandbox-process.ts')],
    {
      env: { ...process.env, SANDBOX_KEYS_DIR: keysDir, SANDBOX_NOTIFY_URL: notifyUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for await (const line of createInterface({ input: child.stdout })) {
    const { url } = JSON.parse(line) as { url: string };
    return {
      url,
      async stop() {
        child.kill('SIGTERM');
        await exited;
      },
    };
  }
  throw new Error('The benchmark sandbox did not start.');
}

/** The engine's Antom client, configured as the launcher configures the app for its sandbox. */
async function antomClient(sandboxUrl: string, keysDir: string, db: Db) {
  const keys = await loadSandboxKeys(keysDir);
  const config = loadAntomConfig({
    ANTOM_GATEWAY_URL: sandboxUrl,
    ANTOM_CLIENT_ID: DEFAULT_SANDBOX_CLIENT_ID,
    ANTOM_MERCHANT_PRIVATE_KEY: privateKeyToBase64(keys.merchant.privateKey),
    ANTOM_PUBLIC_KEY: publicKeyToBase64(keys.antom.publicKey),
    ANTOM_KEY_VERSION: '1',
  });
  return createAntomClient({ config, recorder: prismaRecorder(db) });
}

/** Recent, successful, refundable payments with nothing refunded yet, made known to the sandbox. */
async function candidates(db: Db, sandboxUrl: string, count: number): Promise<Candidate[]> {
  const rows = await db.$queryRaw<Candidate[]>`
    SELECT payment_id, payment_request_id, channel::text AS channel, amount_value, currency, method, created_at
      FROM payments
     WHERE created_at > now() - interval '80 days' AND status = 'SUCCESS' AND refund_held_value = 0 AND method <> 'KONBINI'
     ORDER BY random() LIMIT ${count}`;
  // The sandbox only refunds payments it was told about, as the real Antom only knows its own.
  const admin = sandboxAdmin(sandboxUrl);
  await concurrentLoad(rows, 8, async (p) => {
    await admin.registerPayment({
      paymentId: p.payment_id,
      paymentRequestId: p.payment_request_id,
      channel: p.channel,
      amountValue: p.amount_value,
      currency: p.currency,
      method: p.method,
      status: 'SUCCESS',
      createdAt: p.created_at.toISOString(),
    });
  });
  return rows;
}

export async function measureRefundInitiation(options: {
  /** The engine's own client (a pool of the app's size). */
  db: Db;
  sandbox: BenchSandbox;
  /** Where the launcher's sandbox keeps the keys the app trusts. */
  sandboxDir: string;
  notifyUrl: string;
  actor: { id: string; role: 'ADMIN' | 'REFUNDER' };
  count: number;
  concurrency: number;
}): Promise<InitiationResult> {
  const { db, sandbox } = options;
  const deps: RefundEngineDeps = {
    db,
    antom: await antomClient(sandbox.url, path.join(options.sandboxDir, 'keys'), db),
    notifyUrl: options.notifyUrl,
  };
  const warmUp = 64;
  const payments = await candidates(db, sandbox.url, options.count + warmUp);
  let outcomes: Record<string, number> = {};
  const refund = async (p: Candidate) => {
    const { refund } = await initiateRefund(
      deps,
      {
        paymentId: p.payment_id,
        reason: 'Benchmark',
        idempotencyKey: `${BENCH_KEY_PREFIX}${p.payment_id}_${Date.now()}`,
      },
      options.actor,
    );
    const outcome =
      refund.status === 'FAILED' || refund.status === 'UNKNOWN'
        ? `${refund.status} ${refund.resultCode}`
        : refund.status;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  };
  await concurrentLoad(payments.slice(0, warmUp), options.concurrency, refund);
  outcomes = {};
  const timing = await concurrentLoad(payments.slice(warmUp), options.concurrency, refund);
  return { ...timing, outcomes };
}
