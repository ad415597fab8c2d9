// What start-up does with the database (lib/startup/database.ts), against real PostgreSQL: real mode
// seeds nothing and refuses an active demo user until it is deactivated; sandbox mode seeds the demo
// merchant into an empty database, as it always has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type Db } from '../../../lib/db/client';
import { StartupRefused } from '../../../lib/startup/config';
import { activeDemoUsers, checkNoActiveDemoUsers, prepareDatabase } from '../../../lib/startup/database';
import { COMMAND_LINE, setUserActive } from '../../../lib/users/accounts';
import { applyMigrations } from '../../../tools/db/migrations';
import { createScratchDatabase } from '../../setup/database';

async function counts(db: Db) {
  const [users, payments, refunds] = await Promise.all([db.user.count(), db.payment.count(), db.refund.count()]);
  return { users, payments, refunds };
}

describe('real mode', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;

  beforeAll(async () => {
    scratch = await createScratchDatabase('realmode');
    await applyMigrations(scratch.url);
    db = createPrismaClient(scratch.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await scratch.drop();
  });

  it('seeds nothing into an empty database, and says there is no admin yet', async () => {
    expect(await prepareDatabase(db, { realMode: true })).toEqual({ mode: 'real', activeAdmins: 0 });
    expect(await counts(db)).toEqual({ users: 0, payments: 0, refunds: 0 });
  });

  it('refuses a database where a demo user is active, and passes once it is deactivated', async () => {
    // The merchant's own admin, so that the demo admin is not the last active one.
    await db.user.create({
      data: { email: 'owner@merchant.example', name: 'Owner', role: 'ADMIN', passwordHash: 'x' },
      select: { id: true },
    });
    const demo = await db.user.create({
      data: { email: 'admin@demo.test', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' },
      select: { id: true },
    });

    await expect(prepareDatabase(db, { realMode: true })).rejects.toThrow(StartupRefused);
    await expect(checkNoActiveDemoUsers(db)).rejects.toThrow(/^Demo user admin@demo\.test is active in this database/);

    // The command line's deactivation (npm run user:deactivate), recorded as the system's.
    expect(await setUserActive(db, COMMAND_LINE, demo.id, false)).toBe('changed');
    expect(await prepareDatabase(db, { realMode: true })).toEqual({ mode: 'real', activeAdmins: 1 });
    const entry = await db.auditLog.findFirstOrThrow({
      where: { action: 'user.deactivated' },
      select: { actorType: true, actorId: true, details: true },
    });
    expect(entry).toEqual({
      actorType: 'SYSTEM',
      actorId: null,
      details: { userId: demo.id, email: 'admin@demo.test', via: 'command line' },
    });
  });

  it('counts anyone @demo.test as a demo user, not only the seeded ones', async () => {
    await db.user.create({
      data: { email: 'zed@demo.test', name: 'Zed', role: 'VIEWER', passwordHash: 'x' },
      select: { id: true },
    });
    await db.user.create({
      data: { email: 'someone@demo.test.example.com', name: 'Not demo', role: 'VIEWER', passwordHash: 'x' },
      select: { id: true },
    });
    expect(await activeDemoUsers(db)).toEqual(['zed@demo.test']);
    await expect(prepareDatabase(db, { realMode: true })).rejects.toThrow(/^Demo user zed@demo\.test is active/);
  });
});

describe('sandbox mode', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;

  beforeAll(async () => {
    scratch = await createScratchDatabase('sandboxmode');
    await applyMigrations(scratch.url);
    db = createPrismaClient(scratch.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await scratch.drop();
  });

  it('seeds the demo merchant and its users into an empty database once, as before', async () => {
    const now = new Date('2026-11-22T08:00:00Z');
    const first = await prepareDatabase(db, { realMode: false, now });
    expect(first).toMatchObject({ mode: 'sandbox', seeded: { users: 5, anchor: now } });
    const seeded = await counts(db);
    expect(seeded.users).toBe(5);
    expect(seeded.payments).toBeGreaterThan(0);
    // Demo users are what sandbox mode is for: nothing refuses them here.
    expect(await activeDemoUsers(db)).toEqual([
      'admin@demo.test',
      'approver@demo.test',
      'refunder@demo.test',
      'viewer@demo.test',
    ]);
    expect(await prepareDatabase(db, { realMode: false })).toEqual({ mode: 'sandbox', seeded: null });
    expect(await counts(db)).toEqual(seeded);
  });
});
