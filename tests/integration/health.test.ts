import { describe, expect, it, vi } from 'vitest';

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
  it('reports the database up and every migration applied', async () => {
    const { status, body } = await healthRoute(process.env.DATABASE_URL!);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: 'up', migrations: { pending: [], failed: [] } });
    expect(body.migrations.applied.length).toBeGreaterThan(0);
  });

  it('answers 503 when the database is down, without leaking the connection string', async () => {
    const { status, body } = await healthRoute('postgresql://someone:hunter2@127.0.0.1:1/antom');
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', database: 'down' });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });
});
