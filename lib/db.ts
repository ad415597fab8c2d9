// The one Prisma client of the app: PostgreSQL through node-postgres (@prisma/adapter-pg).
// Password hashes are omitted from every query unless a caller asks for them by name.
import 'server-only';
import { createPrismaClient, type Db } from './db/client';

const globalForPrisma = globalThis as unknown as { prisma?: Db };

function client(): Db {
  // One per process (and across dev-server reloads), made on first use: `next build` imports this
  // module without a DATABASE_URL.
  return (globalForPrisma.prisma ??= createPrismaClient());
}

export const prisma: Db = new Proxy({} as Db, {
  get(_target, property) {
    const db = client();
    const value = Reflect.get(db, property, db);
    return typeof value === 'function' ? value.bind(db) : value;
  },
});
