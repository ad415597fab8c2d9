// A real world for engine tests: the run's fresh PostgreSQL, a real Antom sandbox over HTTP (with
// fault injection), and a real HTTP webhook that hands notifications to the same function the app's
// route handler calls. Nothing here is mocked.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAntomClient, loadAntomConfig, prismaRecorder } from '../../../lib/antom';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import type { FaultRule } from '../../../sandbox/faults';
import type { SandboxRefund } from '../../../sandbox/ledger';
import { createPrismaClient, type Db } from '../../../lib/db/client';
import { nodeNotificationHandler } from '../../../lib/webhooks/node';
import type { RefundEngineDeps } from '../../../lib/refunds/engine-deps';
import { testPrisma } from '../../setup/database';

export interface World {
  db: Db;
  deps: RefundEngineDeps;
  sandbox: RunningSandbox;
  webhookUrl: string;
  /** The same webhook server's notifyPayment path. */
  paymentWebhookUrl: string;
  /** Antom's private key in this world, to sign notifications by hand. */
  antomPrivateKeyPem: string;
  actor: { id: string; role: 'REFUNDER' };
  stop(): Promise<void>;
}

export async function startWorld(
  options: {
    timeoutMs?: number;
    maxRetries?: number;
    asyncDelayMs?: number;
    paymentDelayMs?: number;
    /** A database of the test's own (e.g. one whose approval rules must not reach other tests); default: the run's. */
    databaseUrl?: string;
  } = {},
): Promise<World> {
  const db = options.databaseUrl ? createPrismaClient(options.databaseUrl, { max: 20 }) : testPrisma();
  const privatePem = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const antomPrivateKeyPem = privatePem();
  // The webhook starts before the engine exists (the sandbox needs its URL); it reads this later.
  const late: { deps?: RefundEngineDeps } = {};
  const webhook = http.createServer(nodeNotificationHandler(() => late.deps!));
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/api/antom/notify-refund`;
  const paymentWebhookUrl = new URL('/api/antom/notify-payment', webhookUrl).href;

  const sandbox = await startSandbox({
    persist: false,
    seed: false,
    notifyUrl: webhookUrl,
    paymentNotifyUrl: paymentWebhookUrl,
    paymentDelayMs: options.paymentDelayMs,
    asyncDelayMs: options.asyncDelayMs ?? 150,
    notifySchedule: [0, 150, 300, 600, 1000],
    keys: { antomPrivateKey: antomPrivateKeyPem, merchantPrivateKey: privatePem() },
  });
  const config = loadAntomConfig({
    ...sandbox.appEnv,
    ANTOM_TIMEOUT_MS: String(options.timeoutMs ?? 600),
    ANTOM_CONNECT_TIMEOUT_MS: '500',
    ANTOM_MAX_RETRIES: String(options.maxRetries ?? 2),
  });
  const deps: RefundEngineDeps = {
    db,
    antom: createAntomClient({ config, recorder: prismaRecorder(db), retryBaseDelayMs: 20, retryMaxDelayMs: 100 }),
    notifyUrl: webhookUrl,
  };
  late.deps = deps;
  const actor = await db.user.create({
    data: {
      email: `refunder_${randomBytes(6).toString('hex')}@test.local`,
      name: 'Test Refunder',
      role: 'REFUNDER',
      passwordHash: 'x',
    },
    select: { id: true },
  });
  return {
    db,
    deps,
    sandbox,
    webhookUrl,
    paymentWebhookUrl,
    antomPrivateKeyPem,
    actor: { id: actor.id, role: 'REFUNDER' },
    async stop() {
      await sandbox.stop();
      await new Promise((resolve) => webhook.close(resolve));
      await db.$disconnect();
    },
  };
}

let counter = 0;

/** A payment in our database and at the sandbox, as if taken through Antom. */
export async function createPayment(
  world: World,
  options: {
    amountValue: number;
    currency?: string;
    method?: string;
    channel?: 'ONLINE' | 'IN_STORE';
    paidDaysAgo?: number;
  },
) {
  const n = `${Date.now()}${String(++counter).padStart(4, '0')}${randomBytes(3).toString('hex')}`;
  const paidAt = new Date(Date.now() - (options.paidDaysAgo ?? 1) * 24 * 3600 * 1000);
  const payment = {
    paymentId: `PAY${n}`,
    paymentRequestId: `REQ_${n}`,
    channel: options.channel ?? 'ONLINE',
    amountValue: options.amountValue,
    currency: options.currency ?? 'USD',
    method: options.method ?? 'ALIPAY_CN',
    status: 'SUCCESS' as const,
    createdAt: paidAt,
    paidAt,
  };
  await world.db.payment.create({ data: payment });
  const res = await fetch(`${world.sandbox.url}/__sandbox/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...payment, createdAt: paidAt.toISOString(), paidAt: paidAt.toISOString() }),
  });
  if (!res.ok) throw new Error(`sandbox refused the payment: ${await res.text()}`);
  return payment;
}

export async function ledger(world: World, paymentId?: string): Promise<{ refunds: SandboxRefund[] }> {
  const res = await fetch(`${world.sandbox.url}/__sandbox/ledger${paymentId ? `?paymentId=${paymentId}` : ''}`);
  return (await res.json()) as { refunds: SandboxRefund[] };
}

export async function setFaults(world: World, faults: FaultRule[]) {
  const res = await fetch(`${world.sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faults, replace: true }),
  });
  if (!res.ok) throw new Error(await res.text());
}

export const key = () => `k_${randomBytes(12).toString('hex')}`;

/** Waits until `check` returns true, polling; fails with `what` after `ms`. */
export async function eventually(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for: ${what}`);
}
