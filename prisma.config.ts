import { defineConfig } from 'prisma/config';

// The Prisma CLI is only used for `prisma generate` here (scripts/prisma-generate.ts): its native
// schema engine cannot be downloaded on these machines, so migrations run through Prisma's
// WebAssembly schema engine instead (tools/db/migrations.ts), into the same _prisma_migrations table.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
