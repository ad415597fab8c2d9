import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, poolOf, type Db } from '../../lib/db/client';
import { createScratchDatabase } from '../setup/database';

// Prisma binds a Date as a timestamp without its offset; a server whose default zone is not UTC
// would read every date filter hours off. Our sessions are UTC whatever the server says.
describe('database sessions on a server whose default time zone is not UTC', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;

  beforeAll(async () => {
    scratch = await createScratchDatabase('antom_tz');
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'Asia/Kolkata'); END $$`,
    );
    await admin.end();
    db = createPrismaClient(scratch.url, { max: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('run in UTC, so a Date parameter means the instant it holds', async () => {
    const instant = new Date('2026-06-01T00:00:00.000Z');
    const [row] = await db.$queryRaw<{ zone: string; same: boolean }[]>`
      SELECT current_setting('TimeZone') AS zone, ${instant}::timestamptz = '2026-06-01T00:00:00Z'::timestamptz AS same`;
    expect(row).toEqual({ zone: 'UTC', same: true });
    const { rows } = await poolOf(db).query<{ zone: string }>(`SELECT current_setting('TimeZone') AS zone`);
    expect(rows[0]!.zone).toBe('UTC');
  });
});
