// npm start: everything a fresh clone needs to serve the dashboard on http://localhost:3000.
//   1. the database: DATABASE_URL, or an embedded PostgreSQL with its data under .data/
//   2. migrations, then the demo merchant when the database is empty (sandbox mode only)
//   3. Antom: the real gateway when ANTOM_GATEWAY_URL is set, else the bundled sandbox. Real mode
//      seeds nothing and refuses an incomplete or self-contradictory configuration, and a database
//      where a demo user can still sign in (lib/startup/)
//   4. `next build` when the sources changed, then the app's server (scripts/serve.ts: Next.js, and
//      Antom's webhook ahead of it), with the refund worker beside it
// Ctrl-C stops all of it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nextEnv from '@next/env';
import { createPrismaClient } from '../lib/db/client';
import { applyMigrations } from '../tools/db/migrations';
import { AntomConfigError } from '../lib/antom';
import { DATA_DIR, DatabaseStartupError, startAppDatabase, type DatabaseServer } from '../tools/db/local-server';
import { EnvError, envOrExit, parseEnv } from '../lib/env';
import { checkRealModeConfig, isRealMode, StartupRefused } from '../lib/startup/config';
import { prepareDatabase } from '../lib/startup/database';
import { startAntom, type AntomRuntime } from './start-antom';
import { buildIfNeeded } from './build-if-needed';
import { startWorkerFor } from './worker';

nextEnv.loadEnvConfig(process.cwd());
// Every variable checked before anything starts: a bad value stops here with one line.
const settings = envOrExit();

const port = settings.PORT;
// Decided by the operator's own environment, before the sandbox's settings are added for the children.
const realMode = isRealMode(settings);
const cleanups: (() => Promise<void>)[] = [];
let next: ChildProcess | undefined;
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (next && next.exitCode === null) {
    next.kill('SIGTERM');
    await new Promise((resolve) => next!.once('exit', resolve));
  }
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** Sessions need a secret. Real deployments set AUTH_SECRET; a local run keeps one under .data/. */
function authSecret(): string {
  if (settings.AUTH_SECRET) return settings.AUTH_SECRET;
  const file = path.join(DATA_DIR, 'auth-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(DATA_DIR, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

async function main() {
  // A real-mode configuration is checked whole before anything starts.
  if (realMode) checkRealModeConfig(settings);
  const { url, server } = await startAppDatabase();
  cleanups.push(() => server.stop());
  console.log(`Database: ${describeServer(url, server)}`);

  const applied = await applyMigrations(url);
  console.log(applied.length ? `Migrations: applied ${applied.join(', ')}` : 'Migrations: up to date');

  const db = createPrismaClient(url, { max: 2 });
  let anchor: Date | undefined;
  try {
    const prepared = await prepareDatabase(db, { realMode });
    if (prepared.mode === 'sandbox' && prepared.seeded) {
      const counts = prepared.seeded;
      anchor = counts.anchor;
      console.log(
        `Demo data: ${counts.payments} payments, ${counts.refunds} refunds, ${counts.users} users (logins in README.md)`,
      );
    } else if (prepared.mode === 'real' && prepared.activeAdmins === 0) {
      console.log(
        'Users: no active admin yet. Create the first: npm run user:create -- --email EMAIL --name NAME --role ADMIN',
      );
    }
  } finally {
    await db.$disconnect();
  }

  const antom: AntomRuntime = await startAntom({ databaseUrl: url, appPort: port, anchor });
  cleanups.push(() => antom.stop());
  console.log(`Antom: ${antom.description}`);

  // The children's environment is made from the raw one: they check it again themselves.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...antom.env,
    DATABASE_URL: url,
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? 'true', // Auth.js's own variable, passed on
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
  };
  buildIfNeeded(env);

  // The refund reconciler runs beside the app (more can run with `npm run worker`).
  const worker = await startWorkerFor(url, parseEnv(env));
  cleanups.push(() => worker.stop());

  // Next.js in its own process (scripts/serve.ts), with the webhook answered ahead of its router.
  next = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'serve.ts')], {
    stdio: 'inherit',
    env: { ...env, PORT: String(port) },
  });
  next.on('exit', (code) => void stop(code ?? 1));
}

function describeServer(url: string, server: DatabaseServer): string {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}${u.pathname}`;
  return settings.DATABASE_URL
    ? `DATABASE_URL (${where})`
    : `embedded PostgreSQL, data in .data/ (${where}${server ? '' : ''})`;
}

main().catch(async (error) => {
  // Expected start-up problems get one line; anything else keeps its stack for whoever debugs it.
  const expected =
    error instanceof DatabaseStartupError ||
    error instanceof AntomConfigError ||
    error instanceof EnvError ||
    error instanceof StartupRefused;
  console.error(expected ? `Cannot start: ${error.message}` : error);
  await stop(1);
});
