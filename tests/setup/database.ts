// Helpers for tests that need their own database (e.g. migrations from empty) or a Prisma client.
import pg from 'pg';
import { createPrismaClient } from '../../lib/db/client';

export function adminUrl(): string {
  const url = process.env.TEST_DB_ADMIN_URL;
  if (!url) throw new Error('TEST_DB_ADMIN_URL is not set: run tests through vitest (tests/setup/global-database.ts).');
  return url;
}

export function urlForDatabase(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty database for one test; returns its URL and a function that drops it. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: urlForDatabase(name),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A Prisma client on the run's fresh database. */
export function testPrisma() {
  return createPrismaClient(process.env.DATABASE_URL, { max: 20 });
}
