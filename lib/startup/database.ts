// What start-up does with a migrated database. Sandbox mode: the demo merchant and its users when the
// database is empty, as always. Real mode: nothing is seeded, ever, and a database where a demo user
// (DEMO_USERS, or anyone @demo.test) is still active is refused: their passwords are in README.md.
import type { Db } from '../db/client';
import { DEMO_EMAIL_DOMAIN, DEMO_USERS } from '../demo/dataset';
import { ensureDemoTwoFactorPolicy, isDatabaseEmpty, seedDemoData } from '../demo/seed';
import { StartupRefused } from './config';

/** The emails of demo users that can still sign in, in order. */
export async function activeDemoUsers(db: Db): Promise<string[]> {
  const users = await db.user.findMany({
    where: {
      active: true,
      OR: [{ email: { in: DEMO_USERS.map((u) => u.email) } }, { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } }],
    },
    select: { email: true },
    orderBy: { email: 'asc' },
  });
  return users.map((u) => u.email);
}

/** The one line that refuses them, saying how to get past it. */
export function demoUsersProblem(emails: readonly string[]): string {
  const one = emails.length === 1;
  return (
    `${one ? 'Demo user' : 'Demo users'} ${emails.join(', ')} ${one ? 'is' : 'are'} active in this database and ` +
    `${one ? 'its password is' : 'their passwords are'} public (README.md): create your own admin ` +
    '(npm run user:create -- --email EMAIL --name NAME --role ADMIN), then run ' +
    `npm run user:deactivate -- --email ${one ? emails[0] : 'EMAIL'}${one ? '' : ' for each'}, or start on an empty database.`
  );
}

/** Throws StartupRefused when a demo user can sign in. */
export async function checkNoActiveDemoUsers(db: Db): Promise<void> {
  const emails = await activeDemoUsers(db);
  if (emails.length) throw new StartupRefused(demoUsersProblem(emails));
}

export type DatabaseStart =
  /** Sandbox mode: `seeded` the demo data just now (anchored at `anchor`), or null when there was data. */
  | { mode: 'sandbox'; seeded: { users: number; payments: number; refunds: number; anchor: Date } | null }
  /** Real mode: nothing seeded; how many active admins there are (none: create one with the CLI). */
  | { mode: 'real'; activeAdmins: number };

export async function prepareDatabase(db: Db, options: { realMode: boolean; now?: Date }): Promise<DatabaseStart> {
  if (options.realMode) {
    await checkNoActiveDemoUsers(db);
    return { mode: 'real', activeAdmins: await db.user.count({ where: { role: 'ADMIN', active: true } }) };
  }
  if (!(await isDatabaseEmpty(db))) {
    // A demo database from before the two-factor setting existed: its users keep signing in without
    // a device (never over a setting already stored).
    await ensureDemoTwoFactorPolicy(db);
    return { mode: 'sandbox', seeded: null };
  }
  const anchor = options.now ?? new Date();
  const counts = await seedDemoData(db, anchor);
  return { mode: 'sandbox', seeded: { ...counts, anchor } };
}
