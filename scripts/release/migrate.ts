// The release's migration step (release/migrate.mjs, `node migrate.mjs`): applies the migrations in
// the release's prisma/migrations to DATABASE_URL. Safe to run from every instance of a deploy at once:
// they take turns on an advisory lock and the later ones find nothing pending (tools/db/migrations.ts).
import path from 'node:path';
import { envOrExit } from '../../lib/env';
import { applyMigrations } from '../../tools/db/migrations';

const url = envOrExit().DATABASE_URL;
try {
  const applied = await applyMigrations(url!, path.join(process.cwd(), 'prisma', 'migrations'));
  console.log(applied.length ? `Migrations: applied ${applied.join(', ')}` : 'Migrations: up to date');
  process.exit(0);
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(`Migrations failed${code ? ` (${code})` : ''}: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
