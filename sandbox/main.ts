// Runs the sandbox on its own: tsx sandbox/main.ts --port 4010 [--notify-url URL]
// [--payment-notify-url URL] [--data-dir DIR] [--anchor ISO] [--async-delay-ms N] [--payment-delay-ms N]
// [--in-memory]. Prints the env the app needs.
import { parseArgs } from 'node:util';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'notify-url': { type: 'string' },
    'payment-notify-url': { type: 'string' },
    'data-dir': { type: 'string' },
    anchor: { type: 'string' },
    'async-delay-ms': { type: 'string' },
    'payment-delay-ms': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
  },
});

const anchor = values.anchor ? new Date(values.anchor) : new Date();
if (Number.isNaN(anchor.getTime())) throw new Error(`--anchor is not a date: ${values.anchor}`);

const sandbox = await startSandbox({
  port: Number(values.port),
  host: values.host,
  notifyUrl: values['notify-url'] ?? null,
  paymentNotifyUrl: values['payment-notify-url'] ?? null,
  dataDir: values['data-dir'],
  persist: !values['in-memory'],
  seed: { anchor },
  asyncDelayMs: values['async-delay-ms'] ? Number(values['async-delay-ms']) : undefined,
  paymentDelayMs: values['payment-delay-ms'] ? Number(values['payment-delay-ms']) : undefined,
  log: (line) => console.log(`[sandbox] ${line}`),
});

console.log('Point the dashboard at it with:');
for (const [k, v] of Object.entries(sandbox.appEnv)) console.log(`${k}=${v}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.stop().then(() => process.exit(0));
  });
}
