// npm run db:migrate                      apply pending migrations to DATABASE_URL (or the embedded server)
// npm run db:migration:create -- <name>   write the next migration from a change to prisma/schema.prisma
import { applyMigrations, createMigration } from '../tools/db/migrations';
import { withDatabase } from '../tools/db/local-server';

const [command, name] = process.argv.slice(2);

await withDatabase(async (url) => {
  if (command === 'deploy') {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `Applied ${applied.join(', ')}` : 'No pending migrations.');
  } else if (command === 'create') {
    if (!name) throw new Error('Usage: npm run db:migration:create -- <name>');
    const folder = await createMigration(url, name);
    console.log(folder ? `Created ${folder}` : 'The schema has no change: no migration written.');
  } else {
    throw new Error(`Unknown command "${command ?? ''}": use deploy or create.`);
  }
});
