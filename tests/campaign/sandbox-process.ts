// The campaign's Antom sandbox, in a process of its own so that its ledger outlives every kill.
// In memory (the launcher's sandbox rewrites its whole ledger file on each change, which at this
// volume would cost more CPU than the engine), empty (the campaign registers its own payments), with
// new keys each run, card refunds ending after CAMPAIGN_ASYNC_DELAY_MS, and Antom's notification
// schedule compressed from hours to seconds so that retries happen within the run. Its probability
// faults draw from a PRNG seeded with the campaign's seed.
// Prints one line, {"url", "appEnv"}, once listening; SIGTERM stops it.
import { startSandbox } from '../../sandbox';
import { prng } from './plan';

const sandbox = await startSandbox({
  persist: false,
  port: 0,
  seed: false,
  notifyUrl: process.env.CAMPAIGN_NOTIFY_URL!,
  asyncDelayMs: Number(process.env.CAMPAIGN_ASYNC_DELAY_MS ?? 1_000),
  notifySchedule: [0, 1_000, 3_000, 10_000, 30_000, 60_000],
  notifyTimeoutMs: 3_000,
  random: prng(Number(process.env.CAMPAIGN_SEED ?? 1) ^ 0x5eed),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, appEnv: sandbox.appEnv })}\n`);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
