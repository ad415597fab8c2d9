// Which migrations are on disk and which the database has applied. Kept apart from tools/db/migrations.ts so
// the app's health check does not pull the WebAssembly schema engine into the server bundle.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');

export async function listMigrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export interface MigrationState {
  applied: string[];
  pending: string[];
  failed: string[];
}

/** What the database has applied compared with the migrations on disk. */
export async function migrationState(client: pg.ClientBase | pg.Pool, dir = MIGRATIONS_DIR): Promise<MigrationState> {
  const onDisk = await listMigrationNames(dir);
  const exists = await client.query<{ ok: boolean }>(
    `SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`,
  );
  if (!exists.rows[0]?.ok) return { applied: [], pending: onDisk, failed: [] };
  const rows = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`,
  );
  const applied = rows.rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  const failed = rows.rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  return { applied: applied.sort(), pending: onDisk.filter((n) => !applied.includes(n)), failed };
}
