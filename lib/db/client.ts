// Builds a Prisma client. Without `server-only` so scripts and tests (seed, engine tests) can make
// their own; the app imports the shared one from lib/db.ts.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from '../env';
import { watchPool } from '../ops/pools';
import { PrismaClient } from '../generated/prisma/client';

/**
 * Where a client keeps its node-postgres pool (see poolOf). A symbol passes lib/db.ts's proxy as it
 * is; a registered one (Symbol.for) because Next.js may load this module once per server layer
 * while lib/db.ts shares one client between them.
 */
const POOL = Symbol.for('antom.pgPool');

/** `name` labels the pool in the metrics (dashboard_db_pool_connections): which part of the process uses it. */
export function createPrismaClient(url = env().DATABASE_URL, options: { max?: number; name?: string } = {}) {
  if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
  // The pool is made here rather than by the adapter so that the refund engine's single-statement
  // writes can share it (lib/db/sql.ts): one pool per client either way. $disconnect ends it.
  // Sessions run in UTC whatever the server's default: Prisma binds Date parameters as timestamps
  // without an offset, which PostgreSQL would otherwise read in the server's zone. Code that needs
  // the merchant's zone sets it for its own transaction (lib/format/csv-sql.ts).
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, options: '-c TimeZone=UTC' });
  watchPool(pool, options.name ?? 'app');
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true, totpSecret: true, totpPendingSecret: true } },
  });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

export type Db = ReturnType<typeof createPrismaClient>;

/** The node-postgres pool under a client made by createPrismaClient. */
export function poolOf(db: Db): pg.Pool {
  const pool = (db as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error('This Prisma client was not made by createPrismaClient: it has no pool to share.');
  return pool;
}

export * from '../generated/prisma/client';
