// The benchmark (npm run bench; see run.ts): the app on the scale data, measured over HTTP from this
// process, then one table and a JSON file in tests/bench/results/ to compare runs by.
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrismaClient, type Db } from '../../lib/db/client';
import { removeBenchWrites } from './cleanup';
import { cpuDuring, processGroups } from './cpu';
import { measureCsvExport } from './csv-export';
import { firstLoadJs } from './first-load-js';
import { launchApp, memoryOf, type LaunchedApp } from './launch';
import { measureNotifyIngestion, measurePaymentNotifyIngestion } from './notify-ingestion';
import { measurePages } from './pages';
import { measureRefundInitiation, startBenchSandbox } from './refund-initiation';
import { exportRow, firstLoadRows, initiationRow, notifyRow, printTable, writeResults } from './report';
import { openScaleDatabase, sandboxDirFor } from './scale-database';
import { signIn } from './sign-in';
import { measureTimeToRows, printTimeToRows, rowsPages, type RowsResult } from './time-to-rows';

const PORT = Number(process.env.BENCH_PORT ?? 3400);
/** Seconds of load per page. One connection: the page budgets are server time, not queueing. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAGE_CONNECTIONS = Number(process.env.BENCH_PAGE_CONNECTIONS ?? 1);
const RESULTS_DIR = path.join('tests', 'bench', 'results');
/** BENCH_ONLY=pages,rows,csv,initiation,notify measures only those parts (all when unset). */
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const measures = (part: 'pages' | 'rows' | 'csv' | 'initiation' | 'notify') => ONLY.size === 0 || ONLY.has(part);

async function tableSizes(db: Db) {
  const rows = await db.$queryRaw<{ relname: string; n: number }[]>`
    SELECT relname, reltuples::bigint::int AS n FROM pg_class
     WHERE relname IN ('payments', 'refunds', 'audit_logs', 'notifications') AND relkind = 'r'`;
  return Object.fromEntries(rows.map((r) => [r.relname, r.n]));
}

async function userId(db: Db, email: string): Promise<string> {
  const [user] = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM users WHERE email = ${email}`;
  if (!user) throw new Error(`No user ${email}: seed the scale data first (npm run seed:scale).`);
  return user.id;
}

export async function runBenchmark(): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  await mkdir(RESULTS_DIR, { recursive: true });
  const database = await openScaleDatabase();
  const db = createPrismaClient(database.url, { max: 4 });
  let app: LaunchedApp | undefined;
  try {
    console.log(`Database: ${database.description}`);
    const sizes = await tableSizes(db);
    if (!sizes.payments) throw new Error('The scale database is empty: run npm run seed:scale first.');
    console.log(`Rows (estimated): ${JSON.stringify(sizes)}`);
    const adminId = await userId(db, 'admin@demo.test');
    const refunderId = await userId(db, 'refunder@demo.test');
    const leftOver = await removeBenchWrites(db);
    if (leftOver) console.log(`Removed ${leftOver} refunds an earlier run left behind.`);
    // A fresh sandbox each run: it must not remember refunds whose rows were removed above.
    await rm(sandboxDirFor(database.url), { recursive: true, force: true });

    console.log('Starting the app (scripts/start.ts; builds first when the sources changed)…');
    app = await launchApp(database.url, {
      port: PORT,
      sandboxPort: PORT + 1,
      logFile: path.join(RESULTS_DIR, `${stamp}-app.log`),
    });
    console.log(
      `App up in ${app.firstPageSeconds.toFixed(1)} s${app.built ? ' (with a build)' : ''}; Next.js server pid ${app.nextPid}`,
    );
    const memoryAtStart = await memoryOf(app.nextPid);
    const groups = processGroups({
      launcherPid: app.launcherPid,
      nextPid: app.nextPid,
      postgresPid: await database.serverPid(),
    });

    const cookie = await signIn(app.baseUrl, 'admin@demo.test', 'demo-admin-2026');
    const rows = [];
    if (measures('pages')) {
      console.log('Pages:');
      rows.push(
        ...(await measurePages(
          db,
          { url: app.baseUrl, cookie, connections: PAGE_CONNECTIONS, seconds: SECONDS },
          refunderId,
        )),
      );
    }

    let timeToRows: RowsResult[] = [];
    if (measures('rows')) {
      console.log('Time to rows (Chromium):');
      timeToRows = await measureTimeToRows(app.baseUrl, cookie, await rowsPages(db));
    }

    const { nextPid, baseUrl } = app;
    const details: Record<string, unknown> = {};
    if (measures('csv')) {
      console.log('CSV export…');
      const exportCookie = await signIn(app.baseUrl, 'admin@demo.test', 'demo-admin-2026');
      const csv = await cpuDuring(groups, () => measureCsvExport(db, baseUrl, exportCookie, nextPid));
      rows.push(exportRow(csv.result, csv.cpu));
      details.csv = csv.result;
    }

    if (measures('initiation')) {
      console.log('Refund initiation…');
      // The engine's pool and sandbox live through the CPU accounting: a process gone before it ends is not counted.
      const engineDb = createPrismaClient(database.url);
      const notifyUrl = `${baseUrl}/api/antom/notify-refund`;
      const sandbox = await startBenchSandbox(path.join(sandboxDirFor(database.url), 'keys'), notifyUrl);
      const initiation = await cpuDuring(groups, () =>
        measureRefundInitiation({
          db: engineDb,
          sandbox,
          sandboxDir: sandboxDirFor(database.url),
          notifyUrl,
          actor: { id: refunderId, role: 'REFUNDER' },
          count: 2000,
          concurrency: 16,
        }),
      ).finally(async () => {
        await sandbox.stop();
        await engineDb.$disconnect();
      });
      rows.push(initiationRow(initiation.result, 16, initiation.cpu));
      details.initiation = initiation.result.outcomes;
    }

    if (measures('notify')) {
      console.log('notifyRefund ingestion…');
      const notify = await cpuDuring(groups, () =>
        measureNotifyIngestion({
          db,
          baseUrl,
          sandboxDir: sandboxDirFor(database.url),
          actorId: adminId,
          count: 6000,
          connections: 32,
        }),
      );
      rows.push(notifyRow(notify.result, 32, notify.cpu));

      console.log('notifyPayment ingestion…');
      const payments = await cpuDuring(groups, () =>
        measurePaymentNotifyIngestion({
          db,
          baseUrl,
          sandboxDir: sandboxDirFor(database.url),
          count: 6000,
          connections: 32,
        }),
      );
      const row = notifyRow(payments.result, 32, payments.cpu, 'notifyPayment ingestion (HTTP)');
      // Issue 12: taking a payment's notification is at least as fast as a refund's, in the same run.
      row.checks.push({
        what: 'at least as fast as notifyRefund',
        pass: payments.result.perSecond >= notify.result.perSecond,
      });
      rows.push(row);
      details.notify = {
        notifyRefundPerSecond: notify.result.perSecond,
        notifyPaymentPerSecond: payments.result.perSecond,
      };
    }

    const js = firstLoadRows(await firstLoadJs());
    console.log(
      `\nnproc ${os.cpus().length}, memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ${database.description}\n`,
    );
    printTable(rows, js);
    if (timeToRows.length) printTimeToRows(timeToRows);
    const failed = [...rows, ...timeToRows].flatMap((r) =>
      r.checks.filter((c) => !c.pass).map((c) => `${r.name}: ${c.what}`),
    );
    failed.push(...js.filter((p) => !p.pass).map((p) => `first-load JS ${p.route}: ${p.gzipKb.toFixed(1)} KB`));
    console.log(failed.length ? `\n${failed.length} budget(s) missed.` : '\nEvery budget met.');

    const launch = { firstPageSeconds: app.firstPageSeconds, built: app.built, memoryAtStart };
    const file = await writeResults(RESULTS_DIR, stamp, {
      database: { description: database.description, sizes },
      launch,
      rows,
      timeToRows,
      details,
      firstLoadJs: js,
      failed,
    });
    console.log(`Written to ${file}`);
  } finally {
    await app?.stop();
    console.log(`Removed the ${await removeBenchWrites(db)} refunds and payments this run made.`);
    await db.$disconnect();
    await database.stop();
  }
}
