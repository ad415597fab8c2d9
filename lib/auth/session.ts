// The one place that reads the session. Pages, server actions, route handlers and data functions
// call it; proxy.ts only redirects for convenience. Each call checks the database: a deactivated
// user, or one whose sessions were revoked (sessionVersion bumped), is signed out at the next request.
import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { prisma } from '../db';
import { auth } from './auth';
import { can, type Permission, type Role } from './roles';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  const user = await prisma.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
});

/** For pages: the signed-in user with this permission; otherwise to /login, or a 403 page. */
export async function requireUser(permission: Permission = 'read'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  if (!can(user.role, permission)) forbidden();
  return user;
}
