// The one place that reads the session. Pages, server actions, route handlers and data functions
// call it; proxy.ts only redirects for convenience. Each call checks the database: a deactivated
// user, or one whose sessions were revoked (sessionVersion bumped), is signed out at the next request.
import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { prisma } from '../db';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import { auth } from './auth';
import { can, type Permission, type Role } from './roles';
import { isUuid } from '../ids';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.userId || !isUuid(session.userId)) return null;
  // Every request runs this: node-postgres, not Prisma's model query (a quarter of the CPU).
  const [user] = await queryRows<{
    id: string;
    email: string;
    name: string;
    role: Role;
    active: boolean;
    session_version: number;
    must_change_password: boolean;
  }>(
    prisma,
    Prisma.sql`SELECT id::text AS id, email, name, role::text AS role, active, session_version, must_change_password
      FROM users WHERE id = ${session.userId}::uuid`,
  );
  if (!user || !user.active || user.session_version !== session.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.must_change_password,
  };
});

/** For pages: the signed-in user with this permission; otherwise to /login, or a 403 page. */
export async function requireUser(permission: Permission = 'read'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  if (!can(user.role, permission)) forbidden();
  return user;
}
