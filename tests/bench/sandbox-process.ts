// An Antom sandbox of the benchmark's own, in its own process, for the refund-initiation measurement.
// In memory: the launcher's sandbox rewrites its whole ledger as JSON on every change, which on two
// cores took about a third of the CPU the engine needed (profiled). With the launcher sandbox's
// keys, so that the app accepts the notifications it sends for card refunds.
// Started by refund-initiation.ts; prints {"url": ...} once listening; SIGTERM stops it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startSandbox } from '../../sandbox';

const keysDir = process.env.SANDBOX_KEYS_DIR!;
const sandbox = await startSandbox({
  persist: false,
  port: 0,
  seed: false,
  notifyUrl: process.env.SANDBOX_NOTIFY_URL!,
  keys: {
    antomPrivateKey: await readFile(path.join(keysDir, 'antom-private.pem'), 'utf8'),
    merchantPrivateKey: await readFile(path.join(keysDir, 'merchant-private.pem'), 'utf8'),
  },
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
process.on('SIGTERM', () => {
  void sandbox.stop().then(() => process.exit(0));
});
