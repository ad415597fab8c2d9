// npm run db:seed — fills an empty database with the demo merchant; refuses a database with data, and
// refuses real mode (ANTOM_GATEWAY_URL set): demo users there are what start-up refuses (lib/startup/).
import { createPrismaClient } from '../lib/db/client';
import { envOrExit } from '../lib/env';
import { isRealMode } from '../lib/startup/config';
import { applyMigrations } from '../tools/db/migrations';
import { withDatabase } from '../tools/db/local-server';
import { isDatabaseEmpty, seedDemoData } from '../lib/demo/seed';

if (isRealMode(envOrExit())) {
  console.error('Cannot seed: ANTOM_GATEWAY_URL is set (real Antom), and demo data belongs to sandbox mode only.');
  process.exit(1);
}

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
