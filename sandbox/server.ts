// Starts the Antom sandbox: its keys, its ledger (seeded from the demo dataset on a first start),
// faults, notifications and the HTTP server. startSandbox() is what tests and the app launcher call.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { privateKeyToBase64, publicKeyToBase64 } from '../lib/antom';
import { SandboxAntom } from './antom';
import { requestHandler } from './endpoints';
import { Faults, type FaultRule } from './faults';
import { loadSandboxKeys, type SandboxKeyPems } from './keys';
import { Ledger } from './ledger';
import { ANTOM_NOTIFY_SCHEDULE_MS, Notifier } from './notifier';
import { SandboxPayments } from './payments';
import { seedLedger } from './seed';

export interface SandboxOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  host?: string;
  /** Where keys and the ledger live when persisting. Default .data/sandbox under the working directory. */
  dataDir?: string;
  /** Keep keys and ledger on disk (default true). Off: everything in memory, new keys each start. */
  persist?: boolean;
  /** The merchant's client id. A SANDBOX_ prefix makes clients use /ams/sandbox/api/... (served too). */
  clientId?: string;
  keyVersion?: number;
  /** Fixed keys instead of generated/persisted ones (tests). */
  keys?: SandboxKeyPems;
  /** Where notifyRefund goes when a refund request names no refundNotifyUrl. */
  notifyUrl?: string | null;
  /** Where notifyPayment goes for payments taken here (POST /__sandbox/payments/take). */
  paymentNotifyUrl?: string | null;
  /** How long an online payment taken here stays in process before its result. Default 2 s. */
  paymentDelayMs?: number;
  /** Seed the ledger with the demo dataset on a first start (default: anchored now). false: start empty. */
  seed?: { anchor: Date; count?: number } | false;
  /** How long an asynchronous (card) refund stays in process. Default 3 s. */
  asyncDelayMs?: number;
  /** Gaps between notification attempts. Default Antom's 0 s, 2 min, 10 min, ... 15 h. */
  notifySchedule?: readonly number[];
  notifyTimeoutMs?: number;
  faults?: readonly FaultRule[];
  /** Used by probability faults. */
  random?: () => number;
  now?: () => Date;
  log?: (line: string) => void;
}

/** The environment the dashboard needs to talk to this sandbox. */
export type SandboxAppEnv = {
  ANTOM_GATEWAY_URL: string;
  ANTOM_CLIENT_ID: string;
  ANTOM_MERCHANT_PRIVATE_KEY: string;
  ANTOM_PUBLIC_KEY: string;
  ANTOM_KEY_VERSION: string;
};

export interface RunningSandbox {
  url: string;
  port: number;
  appEnv: SandboxAppEnv;
  stop(): Promise<void>;
}

export const DEFAULT_SANDBOX_CLIENT_ID = 'SANDBOX_LOCAL_MERCHANT';

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const persist = options.persist ?? true;
  const dataDir = persist ? path.resolve(options.dataDir ?? path.join('.data', 'sandbox')) : null;
  const clientId = options.clientId ?? DEFAULT_SANDBOX_CLIENT_ID;
  const keyVersion = options.keyVersion ?? 1;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const keys = await loadSandboxKeys(dataDir && path.join(dataDir, 'keys'), options.keys);
  const ledger = new Ledger(dataDir && path.join(dataDir, 'ledger.json'));
  if (!(await ledger.load()) && options.seed !== false)
    seedLedger(ledger, options.seed?.anchor ?? now(), options.seed?.count);
  const faults = new Faults(options.faults, options.random);
  const notifier = new Notifier({
    ledger,
    faults,
    antomKey: keys.antom,
    wrongKey: keys.merchant,
    clientId,
    keyVersion,
    schedule: options.notifySchedule ?? ANTOM_NOTIFY_SCHEDULE_MS,
    timeoutMs: options.notifyTimeoutMs ?? 5_000,
    log,
  });
  const antom = new SandboxAntom({
    ledger,
    faults,
    notifier,
    now,
    asyncDelayMs: options.asyncDelayMs ?? 3_000,
    notifyUrl: options.notifyUrl ?? null,
  });

  const payments = new SandboxPayments({
    ledger,
    faults,
    notifier,
    now,
    delayMs: options.paymentDelayMs ?? 2_000,
    notifyUrl: options.paymentNotifyUrl ?? null,
  });

  const server = http.createServer(
    requestHandler({ ledger, faults, antom, payments, keys, clientId, keyVersion, now, log }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  antom.resume();
  payments.resume();
  notifier.resume();
  // Where `npm run sandbox:pay` finds a running sandbox (scripts/sandbox-pay.ts).
  const urlFile = dataDir && path.join(dataDir, 'url');
  if (urlFile) await mkdir(dataDir!, { recursive: true }).then(() => writeFile(urlFile, url));
  log(`Antom sandbox on ${url} (client id ${clientId}${dataDir ? `, data in ${dataDir}` : ', in memory'})`);

  return {
    url,
    port,
    appEnv: {
      ANTOM_GATEWAY_URL: url,
      ANTOM_CLIENT_ID: clientId,
      ANTOM_MERCHANT_PRIVATE_KEY: privateKeyToBase64(keys.merchant.privateKey),
      ANTOM_PUBLIC_KEY: publicKeyToBase64(keys.antom.publicKey),
      ANTOM_KEY_VERSION: String(keyVersion),
    },
    async stop() {
      antom.stop();
      payments.stop();
      notifier.stop();
      if (urlFile) await rm(urlFile, { force: true });
      // Held-open answers (the timeout fault) would keep close() waiting forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ledger.close();
    },
  };
}
