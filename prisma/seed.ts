// npm run db:seed — fills an empty database with the demo merchant; refuses a database with data.
import { createPrismaClient } from '../lib/db/client';
import { applyMigrations } from '../tools/db/migrations';
import { withDatabase } from '../tools/db/local-server';
import { isDatabaseEmpty, seedDemoData } from '../lib/demo/seed';

await withDatabase(async (url) => {
  await applyMigrations(url);
  const db = createPrismaClient(url);
  try {
    if (!(await isDatabaseEmpty(db))) {
      console.log('The database already has users or payments: nothing seeded.');
      return;
    }
    const counts = await seedDemoData(db, new Date());
    console.log(`Seeded ${counts.users} users, ${counts.payments} payments, ${counts.refunds} refunds.`);
  } finally {
    await db.$disconnect();
  }
});
