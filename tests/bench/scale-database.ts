// Where the scale data lives: the server DATABASE_URL names, or else a PostgreSQL of our own under
// .data/postgres-scale (database antom_scale), apart from the app's demo data and the tests'
// databases, so that seeding a million rows never touches either.
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  checkReachable,
  DATA_DIR,
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from '../../tools/db/local-server';

export const SCALE_DATABASE = 'antom_scale';
const SCALE_SERVER_DIR = 'postgres-scale';
const SCALE_PORT = Number(process.env.SCALE_POSTGRES_PORT ?? 54359);

export interface ScaleDatabase {
  url: string;
  description: string;
  /** True when DATABASE_URL named it: it is someone else's, and is never dropped. */
  external: boolean;
  /** Drops and recreates it (ours only), and forgets the sandbox state that went with the old data. */
  recreate(): Promise<void>;
  /** The PostgreSQL server's main process, when it is ours (for CPU accounting). */
  serverPid(): Promise<number | null>;
  stop(): Promise<void>;
}

function hostOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/** The sandbox started for this database by scripts/start.ts keeps its ledger and keys here. */
export function sandboxDirFor(url: string): string {
  return path.join(DATA_DIR, 'sandbox', decodeURIComponent(new URL(url).pathname.slice(1)) || 'default');
}

/**
 * The scale data stands for a merchant's production database, so its server is set up as a managed
 * PostgreSQL sets one up for the machine's size, not with initdb's defaults for a laptop (128 MB of
 * shared buffers, a checkpoint every GB of WAL): a quarter of memory for shared buffers (at most 4 GB;
 * WAL buffers follow, 16 MB) and room for 4 GB of WAL between checkpoints. With the defaults, a run of
 * the reports bench (its million-payment fill and the import) had backends evict 155,000 pages
 * themselves and find the WAL buffers full 81,000 times (pg_stat_io, pg_stat_wal); with these, none.
 * Only when this process starts the server; one already running keeps what it was started with.
 */
export function scaleServerSettings(memoryBytes = os.totalmem()): Record<string, string> {
  const mb = Math.min(4096, Math.floor(memoryBytes / 4 / 2 ** 20));
  return { shared_buffers: `${mb}MB`, max_wal_size: '4GB', checkpoint_timeout: '15min' };
}

export async function openScaleDatabase(): Promise<ScaleDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await checkReachable(given);
    return {
      url: given,
      description: `DATABASE_URL (${hostOf(given)})`,
      external: true,
      recreate: async () => {
        throw new Error('Refusing to drop a database named by DATABASE_URL.');
      },
      serverPid: async () => null,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres(SCALE_SERVER_DIR, { port: SCALE_PORT, settings: scaleServerSettings() });
  await ensureDatabase(server, SCALE_DATABASE);
  const url = server.urlFor(SCALE_DATABASE);
  return {
    url,
    description: `embedded PostgreSQL in .data/${SCALE_SERVER_DIR}, database ${SCALE_DATABASE} (${hostOf(url)})`,
    external: false,
    async recreate() {
      await dropDatabase(server, SCALE_DATABASE);
      await ensureDatabase(server, SCALE_DATABASE);
      await rm(sandboxDirFor(url), { recursive: true, force: true });
    },
    serverPid: async () =>
      Number((await readFile(path.join(DATA_DIR, SCALE_SERVER_DIR, 'postmaster.pid'), 'utf8')).split('\n')[0]) || null,
    stop: () => server.stop(),
  };
}
