// CI's release stage (.ci/run): builds the release folder, moves it out of the source tree, and runs it
// as an operator would, with plain `node` and nothing of the tree: migrations (three at once, as a
// deploy's instances would), the app and a worker against a throw-away database on the PostgreSQL at
// 127.0.0.1:5432 (PostgreSQL 15 on our machines), Antom being the sandbox started apart. Then the login
// page, the smoke spec (Playwright, E2E_BASE_URL), metrics behind the token, a log with request ids and
// no secret, and SIGTERM: both processes exit 0. Prints the folder's size. Without that PostgreSQL it
// says so and skips (exit 0); any failure exits 1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const ADMIN_URL = process.env.RELEASE_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.RELEASE_PORT ?? 3190);
const SANDBOX_PORT = PORT + 1000;
const started = Date.now();
const step = (text: string) => console.log(`[release] ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

function fail(message: string): never {
  console.error(`[release] FAILED: ${message}`);
  throw new Error(message);
}

async function serverVersion(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running {
  let output = '';
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

/**
 * One GET on a connection of its own: the release's server closes idle keep-alive connections, and a
 * pooled client may send on one just as it closes ("other side closed"), which says nothing of the release.
 */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 500));
  }
  return fail(`timed out waiting for ${what}`);
}

async function main() {
  const version = await serverVersion();
  if (!version) {
    console.log(`[release] SKIPPED: no PostgreSQL answers at ${new URL(ADMIN_URL).host} (set RELEASE_PG_ADMIN_URL).`);
    return;
  }
  step(`PostgreSQL ${version} at ${new URL(ADMIN_URL).host}`);

  const outside = mkdtempSync(path.join(tmpdir(), 'release-'));
  const folder = path.join(outside, 'release');
  const database = `release_smoke_${Date.now()}`;
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
  const children: Running[] = [];
  try {
    // 1. Build straight into a folder outside the tree (next build only when sources changed).
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-release.ts', '--out', folder], {
      stdio: 'inherit',
    });
    if (built.status !== 0) fail('npm run build:release failed');
    const size = spawnSync('du', ['-sh', folder], { encoding: 'utf8' }).stdout.split('\t')[0];
    step(`release folder ${folder}: ${size}`);

    await admin(`CREATE DATABASE "${database}"`);
    // What the release gets: a PATH to find node, and its settings. Nothing of the source tree.
    const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: databaseUrl };

    // 2. Migrations, three instances at once: one applies, the others wait and find nothing to do.
    // Run from outside the folder on purpose: each entry moves into its own folder.
    const migrations = [0, 1, 2].map(() =>
      run(process.execPath, [path.join(folder, 'migrate.mjs')], { cwd: outside, env: base }),
    );
    const codes = await Promise.all(migrations.map((m) => m.exit));
    if (codes.some((c) => c !== 0))
      fail(`migrate.mjs exit codes ${codes.join(', ')}:\n${migrations.map((m) => m.output()).join('\n')}`);
    const applied = migrations.filter((m) => m.output().includes('Migrations: applied'));
    if (applied.length !== 1) fail(`expected one migrator to apply, got ${applied.length}`);
    step('migrations applied once by three concurrent migrate.mjs');

    // 3. Antom: the sandbox, started apart from the release (it is a test tool, not part of it).
    const sandbox = run(
      process.execPath,
      [
        '--import',
        'tsx',
        'sandbox/main.ts',
        '--port',
        String(SANDBOX_PORT),
        '--in-memory',
        '--notify-url',
        `http://127.0.0.1:${PORT}/api/antom/notify-refund`,
      ],
      { cwd: process.cwd(), env: process.env },
    );
    children.push(sandbox);
    const antomEnv = await waitFor(
      'the sandbox',
      async () => {
        const vars = Object.fromEntries(
          [...sandbox.output().matchAll(/^(ANTOM_[A-Z_]+)=(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]),
        );
        return vars.ANTOM_KEY_VERSION ? vars : undefined;
      },
      60_000,
    );

    // 4. The app and a worker, from the release folder, as an operator starts them.
    const secrets = {
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      METRICS_TOKEN: randomBytes(24).toString('base64url'),
    };
    const env = { ...base, ...antomEnv, ...secrets, PORT: String(PORT), HOST: '127.0.0.1' };
    const app = run(process.execPath, [path.join(folder, 'server.mjs')], { cwd: outside, env });
    const worker = run(process.execPath, [path.join(folder, 'worker.mjs')], { cwd: outside, env });
    children.push(app, worker);
    const url = `http://127.0.0.1:${PORT}`;
    await waitFor(
      'the app to be ready',
      async () => ((await get(`${url}/api/health/ready`)).status === 200 ? true : undefined),
      120_000,
    );
    step('app ready');
    const login = await get(`${url}/login`);
    const html = login.text;
    if (login.status !== 200 || !html.includes('Sign in to Refunds')) fail(`/login answered ${login.status}`);
    step('login page served');

    // 5. The smoke spec against it.
    const smoke = spawnSync(
      process.execPath,
      [
        'node_modules/@playwright/test/cli.js',
        'test',
        'tests/e2e/smoke.spec.ts',
        '--project=chromium',
        '--no-deps',
        '--reporter=list',
      ],
      { stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: url } },
    );
    if (smoke.status !== 0) fail('the smoke spec failed against the release');
    step('smoke spec passed');

    // 6. Metrics: refused without the token, served with it.
    const refused = await get(`${url}/api/metrics`);
    const metrics = await get(`${url}/api/metrics`, { authorization: `Bearer ${secrets.METRICS_TOKEN}` });
    const text = metrics.text;
    if (refused.status !== 401 || metrics.status !== 200 || !text.includes('antom_reconciler_backlog'))
      fail(`metrics: ${refused.status} without the token, ${metrics.status} with it`);
    step('metrics refused without the token, served with it');

    // 7. SIGTERM: both exit 0.
    app.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    const [appCode, workerCode] = await Promise.all([app.exit, worker.exit]);
    if (appCode !== 0 || workerCode !== 0)
      fail(`after SIGTERM: app exit ${appCode}, worker exit ${workerCode}\n${app.output()}\n${worker.output()}`);
    step('app and worker stopped with exit code 0 on SIGTERM');

    // 8. Their logs: JSON lines with request ids, and none of the secrets.
    const log = app.output() + worker.output();
    const requests = log.split('\n').filter((l) => l.includes('"msg":"request"'));
    if (!requests.length || !requests.every((l) => /"requestId":"[0-9a-f-]{36}"/.test(l)))
      fail('request lines without ids');
    const leaked = Object.entries({
      ...secrets,
      ANTOM_MERCHANT_PRIVATE_KEY: antomEnv.ANTOM_MERCHANT_PRIVATE_KEY!.slice(100, 160),
    })
      .filter(([, value]) => log.includes(value))
      .map(([name]) => name);
    if (leaked.length) fail(`the release's log holds ${leaked.join(', ')}`);
    step(`${requests.length} request lines, each with its id; no secret in the log`);
    console.log(
      `[release] OK: release folder ${size}, PostgreSQL ${version}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } catch (error) {
    // What the release's processes said, for whoever reads the CI log.
    for (const [i, c] of children.entries())
      console.error(`[release] output of process ${i}:\n${c.output().slice(-4000)}`);
    throw error;
  } finally {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    rmSync(outside, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error, (error as { cause?: unknown }).cause ?? '');
    process.exit(1);
  },
);
