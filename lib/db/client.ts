// Builds a Prisma client. Without `server-only` so scripts and tests (seed, engine tests) can make
// their own; the app imports the shared one from lib/db.ts.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export function createPrismaClient(url = process.env.DATABASE_URL, options: { max?: number } = {}) {
  if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides it.');
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createPrismaClient>;
export * from '../generated/prisma/client';
