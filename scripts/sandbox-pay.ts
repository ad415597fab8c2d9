// npm run sandbox:pay -- --method ALIPAY_CN --amount 12.50 --currency USD [--channel IN_STORE]
//   [--delay-ms 2000] [--fail] [--pending-first | --no-pending] [--payment-request-id ID] [--sandbox-url URL]
//
// Takes a payment at the running sandbox as a buyer would pay the merchant (sandbox/payments.ts):
// online, the sandbox sends its signed notifyPayment to the dashboard after the delay (PAYMENT_PENDING
// first for methods that have it), and the payment appears in the transactions list; in store, the
// payment exists only at the sandbox until the dashboard looks it up. The amount is in the currency's
// major units, as a person writes it, converted by its ISO 4217 exponent (lib/money.ts).
// The sandbox is found at --sandbox-url, SANDBOX_URL, or the one `npm start` (or sandbox/main.ts)
// is running from .data/sandbox/. Bad input: one line and exit code 2; no sandbox: exit code 1.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatMoney, isCurrencyCode, parseMajor } from '../lib/money';
import { sandboxAdmin, type SandboxPayment, type TakePaymentInput } from '../sandbox';
import { DATA_DIR } from '../tools/db/local-server';

export class UsageError extends Error {}

export interface PayRequest {
  payment: TakePaymentInput & { amountValue: number; currency: string; channel: 'ONLINE' | 'IN_STORE' };
  sandboxUrl: string | null;
}

const USAGE =
  'usage: npm run sandbox:pay -- --method ALIPAY_CN --amount 12.50 --currency USD [--channel ONLINE|IN_STORE] [--delay-ms N] [--fail] [--pending-first|--no-pending] [--payment-request-id ID] [--sandbox-url URL]';

/** The command line, checked; a UsageError says what is wrong in one line. */
export function parsePayArgs(
  argv: string[],
  environment: Record<string, string | undefined> = process.env,
): PayRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        method: { type: 'string' },
        amount: { type: 'string' },
        currency: { type: 'string' },
        channel: { type: 'string', default: 'ONLINE' },
        'delay-ms': { type: 'string' },
        fail: { type: 'boolean', default: false },
        'pending-first': { type: 'boolean' },
        'no-pending': { type: 'boolean' },
        'payment-request-id': { type: 'string' },
        'sandbox-url': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const need = (name: 'method' | 'amount' | 'currency') => {
    const value = values[name]?.trim();
    if (!value) throw new UsageError(`--${name} is required (${USAGE})`);
    return value;
  };
  const method = need('method').toUpperCase();
  if (!/^[A-Z0-9_]{1,64}$/.test(method))
    throw new UsageError(`--method must be Antom's paymentMethodType, like ALIPAY_CN or CARD, not "${method}"`);
  const currency = need('currency').toUpperCase();
  if (!isCurrencyCode(currency)) throw new UsageError(`--currency must be a three-letter ISO 4217 code, like USD`);
  const amountText = need('amount');
  const amount = parseMajor(amountText, currency);
  if (!amount.ok) throw new UsageError(`--amount "${amountText}": ${amount.error}`);
  if (amount.value === 0) throw new UsageError(`--amount must be more than zero`);
  const channel = values.channel.trim().toUpperCase().replace('-', '_');
  if (channel !== 'ONLINE' && channel !== 'IN_STORE')
    throw new UsageError(`--channel must be ONLINE or IN_STORE, not "${values.channel}"`);
  let delayMs: number | undefined;
  if (values['delay-ms'] !== undefined) {
    delayMs = Number(values['delay-ms']);
    if (!/^\d+$/.test(values['delay-ms']) || delayMs > 3_600_000)
      throw new UsageError(`--delay-ms must be a whole number of milliseconds up to 3600000`);
  }
  if (values['pending-first'] && values['no-pending'])
    throw new UsageError('--pending-first and --no-pending contradict each other');
  const requestId = values['payment-request-id'];
  if (requestId !== undefined && !/^[A-Za-z0-9_]{1,64}$/.test(requestId))
    throw new UsageError('--payment-request-id may contain only letters, digits and underscores (at most 64)');
  const sandboxUrl = values['sandbox-url'] ?? environment.SANDBOX_URL ?? null;
  if (sandboxUrl !== null && !URL.canParse(sandboxUrl))
    throw new UsageError(`--sandbox-url is not a URL: "${sandboxUrl}"`);
  return {
    payment: {
      method,
      amountValue: amount.value,
      currency,
      channel,
      outcome: values.fail ? 'FAIL' : 'SUCCESS',
      ...(delayMs !== undefined ? { delayMs } : {}),
      ...(values['pending-first'] ? { pendingFirst: true } : values['no-pending'] ? { pendingFirst: false } : {}),
      ...(requestId ? { paymentRequestId: requestId } : {}),
    },
    sandboxUrl,
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/__sandbox/health', url), { signal: AbortSignal.timeout(2_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The sandboxes running from .data/sandbox/ (each writes its address there while it runs). */
async function runningSandboxes(dataDir = path.join(DATA_DIR, 'sandbox')): Promise<string[]> {
  const files = [path.join(dataDir, 'url')];
  try {
    for (const entry of await readdir(dataDir, { withFileTypes: true }))
      if (entry.isDirectory()) files.push(path.join(dataDir, entry.name, 'url'));
  } catch {
    return [];
  }
  const urls = await Promise.all(
    files.map((f) =>
      readFile(f, 'utf8').then(
        (t) => t.trim(),
        () => null,
      ),
    ),
  );
  const found = [...new Set(urls.filter((u): u is string => !!u))];
  const alive = await Promise.all(found.map(async (u) => ((await answers(u)) ? u : null)));
  return alive.filter((u): u is string => u !== null);
}

export async function findSandbox(explicit: string | null): Promise<string> {
  if (explicit) {
    if (!(await answers(explicit))) throw new Error(`No sandbox answers at ${explicit}.`);
    return explicit;
  }
  const running = await runningSandboxes();
  if (running.length === 1) return running[0]!;
  if (running.length === 0)
    throw new Error(
      'No running sandbox found: start the dashboard in sandbox mode (npm start), or pass --sandbox-url.',
    );
  throw new Error(`Several sandboxes are running (${running.join(', ')}): pick one with --sandbox-url.`);
}

function describe(p: SandboxPayment, sandboxUrl: string, notifyUrl: string | null, delayMs: number | null): string {
  const lines = [
    `Took ${formatMoney({ value: p.amountValue, currency: p.currency })} by ${p.method} ${p.channel === 'ONLINE' ? 'online' : 'in store'} at the sandbox ${sandboxUrl}`,
    `  paymentId         ${p.paymentId}`,
    `  paymentRequestId  ${p.paymentRequestId}`,
    `  status            ${p.status}`,
  ];
  if (p.channel === 'ONLINE') {
    const when = delayMs === null ? '' : ` in ${delayMs / 1000} s`;
    lines.push(
      `  notifyPayment     ${p.status === 'PENDING' ? 'PAYMENT_PENDING now, then ' : ''}PAYMENT_RESULT ${p.outcome ?? 'SUCCESS'}${when} to ${notifyUrl ?? '(no notify URL configured: nothing will be sent)'}`,
    );
  } else {
    lines.push('  In store: no notification; the dashboard learns of it by looking its paymentRequestId up.');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const request = parsePayArgs(process.argv.slice(2));
  const sandboxUrl = await findSandbox(request.sandboxUrl);
  const admin = sandboxAdmin(sandboxUrl);
  const payment = await admin.takePayment(request.payment);
  const config = await fetch(new URL('/__sandbox/config', sandboxUrl)).then(
    (r) => r.json() as Promise<{ paymentNotifyUrl: string | null; paymentDelayMs: number }>,
  );
  const notifyUrl = payment.notifyUrl ?? config.paymentNotifyUrl;
  console.log(describe(payment, sandboxUrl, notifyUrl, request.payment.delayMs ?? config.paymentDelayMs));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    const usage = error instanceof UsageError;
    console.error(`sandbox:pay: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(usage ? 2 : 1);
  });
}
