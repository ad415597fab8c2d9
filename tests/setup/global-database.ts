// Every test run gets a fresh, migrated database on a real PostgreSQL: TEST_DATABASE_URL or
// DATABASE_URL when set, the embedded server (under .data/) otherwise. Tests read its URL from
// process.env.DATABASE_URL; TEST_DB_ADMIN_URL lets a test create databases of its own.
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../tools/db/migrations';
import { dropDatabase, ensureDatabase, startTestDatabaseServer } from '../../tools/db/local-server';
import { assertLocalDatabase } from './assert-local-database';

export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer();
  assertLocalDatabase(server.adminUrl);
  const name = `antom_test_${Date.now()}_${process.pid}`;
  await ensureDatabase(server, name);
  const url = server.urlFor(name);
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  process.env.TEST_DB_ADMIN_URL = server.adminUrl;
  project.provide('databaseUrl', url);
  return async () => {
    await dropDatabase(server, name);
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
