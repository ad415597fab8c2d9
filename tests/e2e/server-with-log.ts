// The browser tests' app: `npm start` (scripts/start.ts) as a child, everything it prints kept in
// tests/artifacts/e2e-server.log, which the last check of the run reads
// (log-scan.check.ts: request ids, and no password, key or cookie anywhere in it).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export const SERVER_LOG = path.resolve('tests/artifacts/e2e-server.log');

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const log = createWriteStream(SERVER_LOG);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'start.ts')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept whole in the file; on the terminal, everything but the routine JSON lines (requests, calls, jobs).
  let partial = '';
  const routine = /^\{"level":"(info|debug|trace)"/;
  child.stdout.on('data', (chunk: Buffer) => {
    log.write(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (!routine.test(line)) process.stdout.write(line + '\n');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => log.end(() => process.exit(code ?? 1)));
}
