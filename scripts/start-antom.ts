// Which Antom the app talks to: the real gateway when ANTOM_GATEWAY_URL is configured, otherwise
// the bundled sandbox, started here with its own state under .data/sandbox/<database>/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hasAntomGateway } from '../lib/antom';
import { startSandbox } from '../sandbox/server';
import { DATA_DIR } from '../tools/db/local-server';
import { env } from '../lib/env';

export interface AntomRuntime {
  description: string;
  /** Variables the Next.js server and the worker need to reach it. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The sandbox must hold the same demo payments as the database. Both are made from the same
 * deterministic dataset and its anchor day, which is kept beside the sandbox's state.
 */
function demoAnchor(dir: string, seededNow: Date | undefined): Date {
  const file = path.join(dir, 'demo-anchor');
  if (seededNow) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, seededNow.toISOString());
    return seededNow;
  }
  try {
    return new Date(readFileSync(file, 'utf8').trim());
  } catch {
    return new Date();
  }
}

export async function startAntom(options: {
  databaseUrl: string;
  appPort: number;
  anchor?: Date;
}): Promise<AntomRuntime> {
  const notifyUrl = `http://127.0.0.1:${options.appPort}/api/antom/notify-refund`;
  if (hasAntomGateway()) {
    return { description: `gateway ${env().ANTOM_GATEWAY_URL}`, env: {}, stop: async () => {} };
  }
  const database = decodeURIComponent(new URL(options.databaseUrl).pathname.slice(1)) || 'default';
  const dataDir = path.join(DATA_DIR, 'sandbox', database);
  const anchor = demoAnchor(dataDir, options.anchor);
  const sandbox = await startSandbox({
    port: env().SANDBOX_PORT,
    host: '127.0.0.1',
    dataDir,
    notifyUrl,
    paymentNotifyUrl: `http://127.0.0.1:${options.appPort}/api/antom/notify-payment`,
    seed: { anchor },
    asyncDelayMs: env().SANDBOX_ASYNC_DELAY_MS,
  });
  return {
    description: `sandbox at ${sandbox.url} (state in ${path.relative(process.cwd(), dataDir)}; set ANTOM_GATEWAY_URL for a real gateway)`,
    env: { ...sandbox.appEnv, ANTOM_NOTIFY_URL: notifyUrl, SANDBOX_URL: sandbox.url },
    stop: () => sandbox.stop(),
  };
}
