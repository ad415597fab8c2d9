'use server';

import { signOut } from '@/lib/auth/auth';
import { getSessionUser } from '@/lib/auth/session';
import { prisma } from '@/lib/db';
import { writeAudit } from '@/lib/audit/log';

export async function signOutAction() {
  const user = await getSessionUser();
  if (user) {
    // Clearing the cookie is not enough: a request already in flight (a link prefetch) can come
    // back with a renewed cookie. Bumping the session version makes every token issued so far
    // worthless, so signing out here signs this person out on every device.
    await prisma.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
    await writeAudit(prisma, { actorType: 'USER', actorId: user.id, action: 'auth.logout' });
  }
  await signOut({ redirectTo: '/login' });
}
