import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { applyMigrations } from '../../tools/db/migrations';
import { createScratchDatabase } from '../setup/database';

// The route handler itself, called as Next.js calls it, with the database up and then unreachable.
async function healthRoute(databaseUrl: string) {
  vi.resetModules(); // the health check keeps one small pool per process: start afresh for each URL
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  try {
    const { GET } = await import('../../app/api/health/route');
    const response = await GET();
    return { status: response.status, body: await response.json() };
  } finally {
    process.env.DATABASE_URL = saved;
  }
}

describe('GET /api/health', () => {
  it('reports ok with the database up and every migration applied, naming no migration', async () => {
    const { status, body } = await healthRoute(process.env.DATABASE_URL!);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers 503 while a migration is not applied, still naming none', async () => {
    const scratch = await createScratchDatabase('health_pending');
    try {
      await applyMigrations(scratch.url);
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const { rows } = await client.query<{ migration_name: string }>(
        `DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)
         RETURNING migration_name`,
      );
      await client.end();
      const { status, body } = await healthRoute(scratch.url);
      expect(status).toBe(503);
      expect(body).toEqual({ status: 'degraded', database: 'up' });
      expect(JSON.stringify(body)).not.toContain(rows[0]!.migration_name);
    } finally {
      await scratch.drop();
    }
  });

  it('answers 503 when the database is down, without leaking the connection string', async () => {
    const { status, body } = await healthRoute('postgresql://someone:hunter2@127.0.0.1:1/antom');
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', database: 'down' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});
