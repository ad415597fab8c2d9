import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { applyMigrations } from '../../tools/db/migrations';
import { createScratchDatabase } from '../setup/database';
import { PEMS } from '../fixtures/antom';

const TOKEN = 'health-test-token-0123456789';
const ANTOM = {
  ANTOM_GATEWAY_URL: 'http://127.0.0.1:9',
  ANTOM_CLIENT_ID: 'TEST_CLIENT',
  ANTOM_MERCHANT_PRIVATE_KEY: PEMS.merchantPrivate,
  ANTOM_PUBLIC_KEY: PEMS.antomPublic,
};

type Route = '/api/health' | '/api/health/ready' | '/api/health/live';

// The route handlers themselves, called as Next.js calls them, with the environment a deployment has.
async function health(
  route: Route,
  databaseUrl: string,
  options: { authorization?: string; env?: Record<string, string | undefined>; draining?: boolean } = {},
) {
  vi.resetModules(); // the health check keeps one small pool per process, and env() is read once: start afresh
  const vars = { DATABASE_URL: databaseUrl, METRICS_TOKEN: TOKEN, ...ANTOM, ...options.env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  const draining = Symbol.for('antom.draining');
  try {
    if (options.draining) (globalThis as Record<symbol, unknown>)[draining] = true;
    const modules = {
      '/api/health': () => import('../../app/api/health/route'),
      '/api/health/ready': () => import('../../app/api/health/ready/route'),
      '/api/health/live': () => import('../../app/api/health/live/route'),
    };
    const { GET } = await modules[route]();
    const headers: Record<string, string> = options.authorization ? { authorization: options.authorization } : {};
    const response = await GET(new Request(`http://localhost${route}`, { headers }));
    return { status: response.status, body: await response.json() };
  } finally {
    delete (globalThis as Record<symbol, unknown>)[draining];
    set(saved);
  }
}

const DOWN = 'postgresql://someone:hunter2@127.0.0.1:1/antom';

describe('readiness: /api/health/ready (and /api/health, the same answer)', () => {
  it('is ok with the database up, every migration applied and the Antom key loaded, naming nothing', async () => {
    for (const route of ['/api/health', '/api/health/ready'] as const) {
      const { status, body } = await health(route, process.env.DATABASE_URL!);
      expect(status).toBe(200);
      expect(body).toEqual({ status: 'ok', database: 'up' });
    }
  });

  it('gives the details only to a caller with METRICS_TOKEN', async () => {
    const wrong = await health('/api/health/ready', process.env.DATABASE_URL!, {
      authorization: 'Bearer nope-nope-nope-nope',
    });
    expect(wrong.body).toEqual({ status: 'ok', database: 'up' });
    const { status, body } = await health('/api/health/ready', process.env.DATABASE_URL!, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(status).toBe(200);
    expect(body.details).toMatchObject({
      database: { up: true },
      migrations: { pending: [], failed: [] },
      antomKey: { ok: true },
      draining: false,
    });
    expect(body.details.migrations.applied).toBeGreaterThan(10);
  });

  it('answers 503 while a migration is not applied, naming it only to the token holder', async () => {
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
      const { status, body } = await health('/api/health/ready', scratch.url);
      expect(status).toBe(503);
      expect(body).toEqual({ status: 'degraded', database: 'up' });
      expect(JSON.stringify(body)).not.toContain(rows[0]!.migration_name);
      const detailed = await health('/api/health/ready', scratch.url, { authorization: `Bearer ${TOKEN}` });
      expect(detailed.body.details.migrations.pending).toEqual([rows[0]!.migration_name]);
    } finally {
      await scratch.drop();
    }
  });

  it('answers 503 when the database is down (nothing listens), without leaking the connection string', async () => {
    const { status, body } = await health('/api/health/ready', DOWN, { authorization: `Bearer ${TOKEN}` });
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', database: 'down', details: { database: { up: false } } });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('answers 503 when the database it was using is stopped under it', async () => {
    const scratch = await createScratchDatabase('health_stopped');
    let dropped = false;
    try {
      await applyMigrations(scratch.url);
      expect((await health('/api/health/ready', scratch.url)).status).toBe(200);
      await scratch.drop(); // its connections are ended and it is gone: as good as a stopped server
      dropped = true;
      const { status, body } = await health('/api/health/ready', scratch.url);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'degraded', database: 'down' });
    } finally {
      if (!dropped) await scratch.drop();
    }
  });

  it('answers 503 without a loadable Antom key, and while shutting down', async () => {
    const noKey = await health('/api/health/ready', process.env.DATABASE_URL!, {
      env: { ANTOM_MERCHANT_PRIVATE_KEY: 'not a key' },
      authorization: `Bearer ${TOKEN}`,
    });
    expect(noKey.status).toBe(503);
    expect(noKey.body.details.antomKey.ok).toBe(false);
    expect(JSON.stringify(noKey.body)).not.toContain(PEMS.merchantPrivate.slice(40, 80));
    const draining = await health('/api/health/ready', process.env.DATABASE_URL!, { draining: true });
    expect(draining.status).toBe(503);
  });
});

describe('liveness: /api/health/live', () => {
  it('is ok whatever the database does: the process is up', async () => {
    const { status, body } = await health('/api/health/live', DOWN);
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });
});
