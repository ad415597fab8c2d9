// The fault campaign's short version (`npm run campaign`, tests/campaign/main.ts): a few hundred refund
// attempts under every fault the sandbox has, with a refund-making process and a worker killed and
// another SIGTERMed, on a throw-away database of the test server; its checks must find no difference.
// It runs the real program, processes and all, so it takes a minute or two (most of it the reconcilers'
// own schedule: a refund whose maker was killed is sent 30 s later, and "not found" is asked 4 times,
// 15 s apart). RANDOM_SEED replays a run.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../setup/database';

const seed = Number(process.env.RANDOM_SEED ?? Date.now() % 100_000);
let child: ChildProcess | undefined;

afterAll(() => {
  // A timed-out run: SIGTERM lets the campaign stop its processes and drop its database.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

describe('the fault campaign, short', () => {
  it(`ends with our books and Antom's in agreement (seed ${seed})`, { timeout: 8 * 60_000 }, async () => {
    const args = ['--attempts', '300', '--seed', String(seed), '--database-url', adminUrl(), '--quiet-timeout', '300'];
    child = spawn(process.execPath, ['--import', 'tsx', 'tests/campaign/main.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));

    const output = `${stdout}\n${stderr.slice(-4_000)}`;
    expect(code, output).toBe(0);
    expect(stdout, output).toMatch(/^attempts: 300 on \d+ payments$/m);
    expect(stdout, output).toMatch(/^differences: 0$/m);
    expect(stdout, output).toMatch(/^kills: 3$/m);
    // Every fault kind is listed; over 300 attempts most of them fire.
    const faults = [
      ...stdout.matchAll(
        /^ {2}(latency|timeout|drop|unknown|http5xx|trafficLimit|badSignature|unsigned|notify\w+|asyncFail) +(\d+)$/gm,
      ),
    ];
    expect(faults.map((m) => m[1])).toHaveLength(13);
    expect(faults.reduce((sum, m) => sum + Number(m[2]), 0)).toBeGreaterThan(0);
  });
});
