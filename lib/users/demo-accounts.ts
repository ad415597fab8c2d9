// The demo's own accounts (lib/demo/dataset.ts), for the login page's note. They exist, active, only
// in the seeded demo database: real mode seeds nothing (and refuses to start while one is active).
import { prisma as db } from '../db';
import { DEMO_USERS } from '../demo/dataset';

export interface DemoLogin {
  email: string;
  password: string;
  role: string;
}

/** The demo users who can sign in here, with their published passwords; empty outside the demo. */
export async function demoLogins(): Promise<DemoLogin[]> {
  const active = await db.user.findMany({
    where: { email: { in: DEMO_USERS.map((u) => u.email) }, active: true },
    select: { email: true },
  });
  const emails = new Set(active.map((u) => u.email));
  return DEMO_USERS.filter((u) => emails.has(u.email)).map(({ email, password, role }) => ({ email, password, role }));
}
