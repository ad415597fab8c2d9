// npm run campaign -- [--seed 1] [--attempts 10000] [--database-url URL] [--concurrency 32]
//                     [--quiet-timeout 600] [--keep-database]
//
// The fault campaign: thousands of refunds made while Antom misbehaves in every way the sandbox can
// and processes die, then our books compared with Antom's to the cent. What it runs, and why so:
//
// - Database: a throw-away database (created, migrated, dropped) on --database-url or DATABASE_URL,
//   else on the test server (TEST_DATABASE_URL, or the embedded PostgreSQL of tools/db/local-server.ts).
//   Local servers only: it creates and drops databases.
// - Antom: the sandbox in a process of its own (sandbox-process.ts), in memory, so that its ledger —
//   the truth we compare with — survives every kill.
// - Refund makers: three small Node programs (maker.ts) that call the refund engine's front door,
//   refundPayment, as the app's server actions do, each on its own pool (not `npm start`: a Next.js
//   build would take most of the time budget and the action adds only session and form handling in
//   front of the same call). The coordinator hands them attempts over stdin/stdout. Maker 0 also
//   answers Antom's notifications through lib/webhooks/node.ts (the `npm start` fast path).
// - Reconcilers: two `scripts/worker.ts` processes, unchanged (pg-boss on the same database).
// - Attempts (plan.ts, fixed by the seed): online and in-store payments of every method and every
//   currency of the demo dataset; full, partial, typed and too-large refunds, some forms submitted
//   twice at once; in groups of up to four on one payment at the same moment, spread over the makers;
//   `--concurrency` (32) in flight. Refusals are expected outcomes and count as attempts.
// - Faults: every fault of sandbox/faults.ts at once, with probabilities, from the first attempt to
//   the last; counted by kind from the sandbox's own rule counters when they are turned off.
// - Kills, during the attempts: SIGKILL maker 0 (the notification receiver) at 25 % and restart it;
//   SIGKILL worker 0 at 40 % and restart it; SIGTERM maker 1 at 55 % (it must finish its attempts and
//   exit 0), then start it again.
// - Quiet: faults off, then the reconcilers run on their own schedule (nothing is hurried) until no
//   refund of ours is CREATED, PROCESSING or UNKNOWN and none is in process at Antom, or until only
//   refunds waiting for a person are left, or --quiet-timeout; whatever is still open is a difference.
// - Checks (checks.ts), then one table (report.ts). Exit 0: no difference; 1: differences or a failed
//   run; 2: bad arguments.
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, type Db } from '../../lib/db/client';
import { DELIVERY_FAULTS, REQUEST_FAULTS, sandboxAdmin, type FaultRule } from '../../sandbox';
import { applyMigrations } from '../../tools/db/migrations';
import {
  checkReachable,
  DATA_DIR,
  DatabaseStartupError,
  dropDatabase,
  ensureDatabase,
  startTestDatabaseServer,
  type DatabaseServer,
} from '../../tools/db/local-server';
import { assertLocalDatabase } from '../setup/assert-local-database';
import { findDifferences, type Difference } from './checks';
import { parseOptions, USAGE, UsageError, type Options } from './options';
import { makePlan, type PlannedAttempt } from './plan';
import {
  MakerProcess,
  startSandboxProcess,
  startWorkerProcess,
  type AttemptResult,
  type SandboxProcess,
  type WorkerProcess,
} from './processes';
import { renderReport, type KillRecord } from './report';

const MAKERS = 3;
const WORKERS = 2;
/** The engine's Antom client in every process: short timeouts, one retry (a slow answer is UNKNOWN). */
const ANTOM_CLIENT_ENV = { ANTOM_TIMEOUT_MS: '2000', ANTOM_CONNECT_TIMEOUT_MS: '1000', ANTOM_MAX_RETRIES: '1' };

/** Every fault the sandbox has, at once. Request faults hit refunds and inquiries alike. */
const FAULTS: FaultRule[] = [
  { fault: 'latency', probability: 0.04, ms: 300 },
  { fault: 'latency', probability: 0.015, ms: 2_500 }, // past the client's timeout: applied after it gave up
  { fault: 'timeout', probability: 0.015 },
  { fault: 'drop', probability: 0.03 },
  { fault: 'unknown', probability: 0.03 },
  { fault: 'http5xx', probability: 0.02, status: 503 },
  { fault: 'http5xx', probability: 0.01, status: 500 },
  { fault: 'trafficLimit', probability: 0.02 },
  { fault: 'badSignature', probability: 0.02 },
  { fault: 'unsigned', probability: 0.02 },
  { fault: 'notifyLost', probability: 0.1 },
  { fault: 'notifyDuplicate', probability: 0.15 },
  { fault: 'notifyOutOfOrder', probability: 0.2 },
  { fault: 'notifyBadSignature', probability: 0.1 },
  { fault: 'asyncFail', probability: 0.15 },
];

/** When each kill happens, as a share of the attempts handed out. */
const KILLS = [
  { at: 0.25, action: 'sigkillMaker' as const, index: 0 },
  { at: 0.4, action: 'sigkillWorker' as const, index: 0 },
  { at: 0.55, action: 'sigtermMaker' as const, index: 1 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (line: string) => process.stderr.write(`[campaign] ${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function serverFor(url: string): DatabaseServer {
  const urlFor = (database: string) => {
    const u = new URL(url);
    u.pathname = `/${encodeURIComponent(database)}`;
    return u.toString();
  };
  return { adminUrl: url, urlFor, stop: async () => {} };
}

function describeDatabase(url: string, given: boolean): string {
  const u = new URL(url);
  return `${given ? 'PostgreSQL' : process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'embedded PostgreSQL'} ${u.hostname}:${u.port || 5432}`;
}

/** A refusal in a few words: its code, and for NOT_REFUNDABLE which rule (from the words people read). */
function refusal(code: string, message: string): string {
  if (code !== 'NOT_REFUNDABLE') return code;
  const rules: [RegExp, string][] = [
    [/one refund in progress at a time/, 'in-store refund in flight'],
    [/Nothing left to refund/, 'nothing left'],
    [/only one refund per payment|only a full refund/, 'method allows no more'],
    [/days after payment/, 'refund window passed'],
    [/Only successful payments/, 'payment not successful'],
    [/cannot be refunded through Antom/, 'method not refundable'],
    [/being made right now/, 'payment busy'],
  ];
  const rule = rules.find(([pattern]) => pattern.test(message));
  return `${code}: ${rule ? rule[1] : message}`;
}

/** Wakes the dispatcher when a slot frees up or a maker becomes ready. */
class Signal {
  private waiting: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  notify(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

async function run(options: Options): Promise<number> {
  const started = performance.now();
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  const interrupt = (signal: NodeJS.Signals) => {
    progress(`${signal}: stopping everything`);
    void cleanUp().then(() => process.exit(1));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  try {
    // --- The database -----------------------------------------------------------------------------
    let server: DatabaseServer;
    if (options.databaseUrl) {
      await checkReachable(options.databaseUrl);
      server = serverFor(options.databaseUrl);
    } else {
      server = await startTestDatabaseServer();
      assertLocalDatabase(server.adminUrl);
    }
    cleanups.push(() => server.stop());
    const databaseName = `antom_campaign_${options.seed}_${Date.now()}`;
    await ensureDatabase(server, databaseName);
    if (!options.keepDatabase) cleanups.push(() => dropDatabase(server, databaseName));
    const url = server.urlFor(databaseName);
    await applyMigrations(url);
    const db: Db = createPrismaClient(url, { max: 4 });
    cleanups.push(() => db.$disconnect());
    const logDir = path.join(DATA_DIR, 'campaign', databaseName);
    mkdirSync(logDir, { recursive: true });
    progress(`database ${databaseName}; process logs in ${path.relative(process.cwd(), logDir)}`);

    // --- The plan, the sandbox and the payments --------------------------------------------------------
    const plan = makePlan(options.seed, options.attempts, new Date());
    const receiverPort = await freePort();
    const notifyUrl = `http://127.0.0.1:${receiverPort}/api/antom/notify-refund`;
    const sandbox: SandboxProcess = await startSandboxProcess(
      { ...process.env, CAMPAIGN_NOTIFY_URL: notifyUrl, CAMPAIGN_SEED: String(options.seed) },
      path.join(logDir, 'sandbox.log'),
    );
    cleanups.push(() => sandbox.stop());
    const admin = sandboxAdmin(sandbox.url);

    const actor = await db.user.create({
      data: { email: 'campaign@test.local', name: 'Fault Campaign', role: 'REFUNDER', passwordHash: 'x' },
      select: { id: true },
    });
    for (let i = 0; i < plan.payments.length; i += 1_000)
      await db.payment.createMany({
        data: plan.payments.slice(i, i + 1_000).map((p) => ({ ...p, createdAt: p.paidAt })),
      });
    const registering = [...plan.payments];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let p = registering.shift(); p; p = registering.shift()) {
          const at = p.paidAt.toISOString();
          await admin.registerPayment({ ...p, createdAt: at, paidAt: p.status === 'SUCCESS' ? at : null });
        }
      }),
    );

    // --- The processes ------------------------------------------------------------------------------
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...sandbox.appEnv,
      ...ANTOM_CLIENT_ENV,
      DATABASE_URL: url,
      ANTOM_NOTIFY_URL: notifyUrl,
      CAMPAIGN_ACTOR_ID: actor.id,
    };
    const makerEnv = (index: number) => ({
      ...childEnv,
      CAMPAIGN_RECEIVER_PORT: index === 0 ? String(receiverPort) : '',
    });
    const signal = new Signal();
    const makers: MakerProcess[] = [];
    const startMaker = async (index: number, generation: number) => {
      const maker = new MakerProcess(index, makerEnv(index), path.join(logDir, `maker-${index}.${generation}.log`));
      makers[index] = maker;
      await maker.ready;
      signal.notify();
      return maker;
    };
    const workers: WorkerProcess[] = [];
    const startWorker = async (index: number, generation: number) => {
      workers[index] = await startWorkerProcess(childEnv, path.join(logDir, `worker-${index}.${generation}.log`));
    };
    cleanups.push(async () => {
      await Promise.all([...makers.map((m) => m.stop()), ...workers.map((w) => w.stop())]);
    });
    await Promise.all([
      ...Array.from({ length: MAKERS }, (_, i) => startMaker(i, 0)),
      ...Array.from({ length: WORKERS }, (_, i) => startWorker(i, 0)),
    ]);
    progress(
      `${plan.payments.length} payments in ${plan.currencies.length} currencies; ${MAKERS} refund makers and ${WORKERS} workers up; ${plan.attempts} attempts, ${options.concurrency} at a time`,
    );

    // --- The attempts, under faults, with the kills --------------------------------------------------
    await admin.setFaults(FAULTS, { replace: true });
    const attemptsStarted = performance.now();
    const results = new Map<number, AttemptResult>();
    const differences: Difference[] = [];
    const kills: KillRecord[] = [];
    const killing: Promise<void>[] = [];
    let inFlight = 0;
    let handedOut = 0;
    const handledBy: number[] = [];

    const kill = async (action: (typeof KILLS)[number]['action'], index: number) => {
      const atAttempt = handedOut;
      const t0 = performance.now();
      const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
      if (action === 'sigkillWorker') {
        const worker = workers[index]!;
        worker.kill('SIGKILL');
        await worker.exited;
        await startWorker(index, 1);
        kills.push({ what: `SIGKILL worker ${index}`, atAttempt, note: `restarted in ${seconds()} s` });
        return;
      }
      const maker = makers[index]!;
      if (action === 'sigkillMaker') {
        maker.kill('SIGKILL');
        await maker.exited;
        const lost = maker.unanswered;
        await startMaker(index, 1);
        kills.push({
          what: `SIGKILL refund maker ${index}${index === 0 ? ' (notification receiver)' : ''}`,
          atAttempt,
          note: `${lost} attempts cut off; restarted in ${seconds()} s`,
        });
        return;
      }
      const had = maker.load;
      const { exit, unanswered } = await maker.stop();
      const clean = exit.code === 0 && maker.stoppedCleanly && unanswered === 0;
      if (!clean)
        differences.push({
          check: 'run',
          detail: `refund maker ${index} did not stop cleanly on SIGTERM: exit code ${exit.code}, signal ${exit.signal}, ${unanswered} of its ${had} attempts unanswered`,
        });
      const exited = seconds();
      await startMaker(index, 1);
      kills.push({
        what: `SIGTERM refund maker ${index}`,
        atAttempt,
        note: `${clean ? 'exit 0' : `exit ${exit.code ?? exit.signal}`} after finishing ${had - unanswered} of ${had} in ${exited} s; restarted`,
      });
    };

    /** One attempt on one maker; handed to another when the one chosen was shutting down. */
    const attemptOn = async (attempt: PlannedAttempt, first: MakerProcess) => {
      let maker = first;
      for (;;) {
        const result = await maker.attempt({
          n: attempt.n,
          paymentId: attempt.paymentId,
          amountValue: attempt.amountValue,
          amountText: attempt.amountText,
          idempotencyKey: attempt.idempotencyKey,
        });
        if (result.kind !== 'declined') {
          handledBy[maker.index] = (handledBy[maker.index] ?? 0) + 1;
          return result;
        }
        while (!makers.some((m) => m.state === 'ready')) await signal.wait();
        maker = makers.filter((m) => m.state === 'ready').sort((a, b) => a.load - b.load)[0]!;
      }
    };

    const ticker = setInterval(() => {
      signal.notify();
    }, 250);
    const reporter = setInterval(() => {
      progress(`${results.size}/${plan.attempts} attempts answered, ${inFlight} in flight`);
    }, 15_000);
    const pendingKills = [...KILLS];
    const all: Promise<void>[] = [];
    for (const group of plan.groups) {
      const ready = () => makers.filter((m) => m.state === 'ready');
      while (inFlight + group.length > Math.max(options.concurrency, group.length) || ready().length === 0)
        await signal.wait();
      const chosen = ready().sort((a, b) => a.load - b.load);
      group.forEach((attempt, k) => {
        inFlight++;
        handedOut++;
        all.push(
          attemptOn(attempt, chosen[k % chosen.length]!).then((result) => {
            results.set(attempt.n, result);
            inFlight--;
            signal.notify();
          }),
        );
      });
      while (pendingKills.length && handedOut >= pendingKills[0]!.at * plan.attempts) {
        const next = pendingKills.shift()!;
        killing.push(kill(next.action, next.index));
      }
    }
    await Promise.all(all);
    await Promise.all(killing);
    clearInterval(ticker);
    clearInterval(reporter);
    const attemptsSeconds = (performance.now() - attemptsStarted) / 1000;

    // --- Faults off; the reconcilers settle everything --------------------------------------------------
    const fired = await admin.resetFaults();
    const faults = new Map<string, number>([...REQUEST_FAULTS, ...DELIVERY_FAULTS].map((f) => [f, 0]));
    for (const rule of fired) faults.set(rule.fault, (faults.get(rule.fault) ?? 0) + rule.fired);
    progress(`attempts done in ${attemptsSeconds.toFixed(0)} s; faults off; waiting for the reconcilers`);

    const quietStarted = performance.now();
    let quietSeconds: number | null = null;
    let lastReport = 0;
    let parkedSince: number | null = null;
    for (;;) {
      const [row] = await db.$queryRaw<{ open: number; parked: number; states: string | null }[]>`
        SELECT count(*)::int AS open, count(*) FILTER (WHERE next_check_at IS NULL)::int AS parked,
               string_agg(DISTINCT status::text, ', ') AS states
          FROM refunds WHERE status IN ('CREATED', 'PROCESSING', 'UNKNOWN')`;
      const elapsed = (performance.now() - quietStarted) / 1000;
      if (row!.open === 0) {
        const inProcess = (await admin.ledger()).refunds.filter((r) => r.accepted && r.status === 'PROCESSING');
        if (inProcess.length === 0) {
          quietSeconds = elapsed;
          break;
        }
      }
      // Only refunds that wait for a person left (for 10 s): nothing will move them. They are differences.
      parkedSince = row!.open > 0 && row!.open === row!.parked ? (parkedSince ?? elapsed) : null;
      if (parkedSince !== null && elapsed - parkedSince >= 10) {
        quietSeconds = parkedSince;
        progress(`${row!.open} open refunds wait for a person (no further check scheduled)`);
        break;
      }
      if (elapsed > options.quietTimeoutSeconds) {
        progress(`not quiet after ${options.quietTimeoutSeconds} s: ${row!.open} refunds still open`);
        break;
      }
      if (elapsed - lastReport >= 15) {
        lastReport = elapsed;
        progress(`${row!.open} refunds still open (${row!.states ?? 'none'}) after ${elapsed.toFixed(0)} s`);
      }
      await sleep(1_000);
    }

    // --- The verdict --------------------------------------------------------------------------------------
    const ledger = await admin.ledger();
    differences.push(...(await findDifferences(db, ledger)));
    const answers = new Map<string, number>();
    const bump = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1);
    const byKey = new Map<string, string>();
    for (const group of plan.groups) {
      for (const attempt of group) {
        const result = results.get(attempt.n)!;
        if (result.kind === 'refund') {
          bump(result.created ? `answered ${result.status}` : 'answered with the refund of the same form');
          const other = byKey.get(attempt.idempotencyKey);
          if (other && other !== result.refundRequestId)
            differences.push({
              check: 'run',
              detail: `one form (${attempt.idempotencyKey}) made two refunds: ${other} and ${result.refundRequestId}`,
            });
          byKey.set(attempt.idempotencyKey, result.refundRequestId);
        } else if (result.kind === 'refused') bump(`refused ${refusal(result.code, result.message)}`);
        else if (result.kind === 'interrupted') bump('cut off by a kill');
        else {
          bump('unexpected error');
          const message = result.kind === 'error' ? result.message : 'declined by every process';
          differences.push({ check: 'run', detail: `attempt ${attempt.n} on ${attempt.paymentId}: ${message}` });
        }
      }
    }
    const states = await db.$queryRaw<{ status: string; n: number }[]>`
      SELECT status::text AS status, count(*)::int AS n FROM refunds GROUP BY status`;
    const stored = await db.$queryRaw<{ outcome: string; n: number }[]>`
      SELECT outcome::text AS outcome, count(*)::int AS n FROM notifications GROUP BY outcome ORDER BY 2 DESC`;
    const deliveries = ledger.notifications;
    const notifications = new Map<string, number>([
      ['sent by Antom (sandbox)', deliveries.length],
      ['acknowledged', deliveries.filter((d) => d.state === 'ACKED').length],
      ['lost (fault) or given up', deliveries.filter((d) => d.state === 'LOST' || d.state === 'GAVE_UP').length],
      [
        'delivery attempts not acknowledged',
        deliveries.flatMap((d) => d.attempts).filter((a) => !a.acknowledged).length,
      ],
      ...stored.map((s): [string, number] => [`stored by us ${s.outcome}`, s.n]),
    ]);

    await cleanUp();
    const report = renderReport({
      seed: options.seed,
      attempts: plan.attempts,
      concurrency: options.concurrency,
      makers: MAKERS,
      workers: WORKERS,
      database: describeDatabase(server.adminUrl, Boolean(options.databaseUrl)),
      answers,
      handledBy,
      notifications,
      refundStates: new Map(states.map((s) => [s.status, s.n])),
      payments: plan.payments.length,
      faults,
      kills,
      attemptsSeconds,
      quietSeconds,
      totalSeconds: (performance.now() - started) / 1000,
      differences,
      load: os.loadavg().slice(0, 2),
    });
    console.log(report);
    if (differences.length === 0 && !options.keepDatabase) rmSync(logDir, { recursive: true, force: true });
    else progress(`process logs kept in ${path.relative(process.cwd(), logDir)}`);
    if (options.keepDatabase) progress(`database kept: ${url}`);
    return differences.length === 0 ? 0 : 1;
  } finally {
    await cleanUp();
  }
}

async function main() {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
    if (options.help) {
      console.log(USAGE);
      process.exit(0);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  try {
    process.exit(await run(options));
  } catch (error) {
    if (error instanceof DatabaseStartupError) {
      console.error(`Cannot run the campaign: ${error.message}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  }
}

await main();
