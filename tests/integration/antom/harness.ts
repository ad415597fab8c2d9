// One sandbox, one webhook and one client per test file: the client records into the run's
// database, payments are created in that database and registered with the sandbox (as the app
// does), and refunds are reserved in refunds first, as the refund engine will.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAntomClient, type AntomClient } from '../../../lib/antom/client';
import { loadAntomConfig, type AntomConfig } from '../../../lib/antom/config';
import { verifyNotifyRefund, type NotifyRefundCheck } from '../../../lib/antom/notifications';
import { prismaRecorder } from '../../../lib/antom/recorder';
import {
  sandboxAdmin,
  startSandbox,
  type RunningSandbox,
  type SandboxAdmin,
  type SandboxOptions,
} from '../../../sandbox';
import { createPrismaClient, type Db } from '../../../lib/db/client';
import { PEMS } from '../../fixtures/antom';

export const FIXED_KEYS = { antomPrivateKey: PEMS.antomPrivate, merchantPrivateKey: PEMS.merchantPrivate };

export interface Received {
  seq: number;
  check: NotifyRefundCheck;
  acknowledged: boolean;
}

/** The app's side of notifyRefund: verifies like the real webhook will, and can be told to fail. */
export async function startWebhook(config: () => AntomConfig) {
  const received: Received[] = [];
  let failuresLeft = 0;
  let alwaysFail = false;
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const check = verifyNotifyRefund(config(), {
        path: req.url ?? '/',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      });
      const fail = check.ok && (alwaysFail || failuresLeft > 0);
      if (fail && failuresLeft > 0) failuresLeft--;
      received.push({ seq: ++seq, check, acknowledged: check.ok && !fail });
      if (fail) res.writeHead(500).end('try later');
      else res.writeHead(check.reply.status, check.reply.headers).end(check.reply.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/antom/notify`,
    received,
    nextSeq: () => ++seq,
    failNext(n: number) {
      failuresLeft = n;
    },
    failAlways(on: boolean) {
      alwaysFail = on;
    },
    about: (refundRequestId: string) =>
      received.filter((r) => r.check.ok && r.check.notification.refundRequestId === refundRequestId),
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Polls until `probe` returns a value (not undefined/false); a deadline only guards against hangs. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  deadlineMs = 10_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const uid = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

export interface PaymentSpec {
  channel?: 'ONLINE' | 'IN_STORE';
  method?: string;
  amountValue?: number;
  currency?: string;
  status?: 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING';
  paidAt?: Date;
}

export interface Harness {
  sandbox: RunningSandbox;
  admin: SandboxAdmin;
  webhook: Awaited<ReturnType<typeof startWebhook>>;
  db: Db;
  config: AntomConfig;
  client: AntomClient;
  clientWith(overrides: Partial<AntomConfig>): AntomClient;
  newPayment(spec?: PaymentSpec): Promise<{
    paymentId: string;
    paymentRequestId: string;
    channel: 'ONLINE' | 'IN_STORE';
    amountValue: number;
    currency: string;
  }>;
  /** The refund row the engine creates before it calls Antom. */
  reserveRefund(paymentId: string, amountValue: number, currency: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: Partial<SandboxOptions> = {},
  clientOverrides: Partial<AntomConfig> = {},
): Promise<Harness> {
  // The webhook verifies with the config that only exists once the sandbox is up.
  const current: { config?: AntomConfig } = {};
  const webhook = await startWebhook(() => current.config!);
  const sandbox = await startSandbox({
    persist: false,
    seed: false,
    keys: FIXED_KEYS,
    asyncDelayMs: 150,
    notifySchedule: [0, 40, 40, 40],
    notifyUrl: webhook.url,
    ...options,
  });
  const config: AntomConfig = {
    ...loadAntomConfig(sandbox.appEnv),
    connectTimeoutMs: 1_000,
    timeoutMs: 1_500,
    maxRetries: 2,
    ...clientOverrides,
  };
  current.config = config;
  // A small pool: several test files (and other suites) share one PostgreSQL server.
  const db = createPrismaClient(process.env.DATABASE_URL, { max: 5 });
  const recorder = prismaRecorder(db);
  const clientWith = (overrides: Partial<AntomConfig>) =>
    createAntomClient({ config: { ...config, ...overrides }, recorder, retryBaseDelayMs: 10 });
  const admin = sandboxAdmin(sandbox.url);

  return {
    sandbox,
    admin,
    webhook,
    db,
    config,
    client: clientWith({}),
    clientWith,
    async newPayment(spec = {}) {
      const channel = spec.channel ?? 'ONLINE';
      const payment = {
        paymentId: uid('PAY'),
        paymentRequestId: uid(channel === 'ONLINE' ? 'ORD' : 'POS'),
        channel,
        amountValue: spec.amountValue ?? 10_000,
        currency: spec.currency ?? 'USD',
        method: spec.method ?? 'ALIPAY_CN',
        status: spec.status ?? 'SUCCESS',
      };
      const paidAt = spec.paidAt ?? new Date();
      await db.payment.create({ data: { ...payment, paidAt, createdAt: paidAt } });
      await admin.registerPayment({ ...payment, createdAt: paidAt.toISOString(), paidAt: paidAt.toISOString() });
      return payment;
    },
    async reserveRefund(paymentId, amountValue, currency) {
      const refundRequestId = uid('RFD');
      await db.refund.create({
        data: { refundRequestId, paymentId, amountValue, currency, status: 'CREATED', idempotencyKey: randomUUID() },
      });
      return refundRequestId;
    },
    async stop() {
      await sandbox.stop();
      await webhook.stop();
      await db.$disconnect();
    },
  };
}
