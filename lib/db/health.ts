import 'server-only';
import pg from 'pg';
import { env } from '../env';
import { migrationState, type MigrationState } from './migration-state';

export interface DatabaseHealth {
  database: 'up' | 'down';
  latencyMs: number | null;
  migrations: MigrationState;
  error?: string;
}

let pool: pg.Pool | undefined;

/** Its own tiny pool, so the health check still answers when the app's pool is exhausted. */
function healthPool() {
  if (!pool) {
    pool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: 1,
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 10_000,
    });
    // An idle connection the server ends (a restart, a failover) is an 'error' event on the pool; left
    // unhandled it would end the process. The next check simply connects again and reports what it finds.
    pool.on('error', () => {});
  }
  return pool;
}

export async function databaseHealth(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const client = healthPool();
    await client.query('SELECT 1');
    const latencyMs = Math.round(performance.now() - started);
    return { database: 'up', latencyMs, migrations: await migrationState(client) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      database: 'down',
      latencyMs: null,
      migrations: { applied: [], pending: [], failed: [] },
      error: code ? `database unreachable (${code})` : 'database unreachable',
    };
  }
}
