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
  /** This sign-in's id (a password change keeps this session and ends the others). */
  sessionId: string;
}

/**
 * Whoever the session cookie names, one-time password or not. Only what a one-time password is for
 * reads it directly: choosing a real password and signing out (getSessionUserChoosingPassword).
 */
const readSession = cache(async (): Promise<SessionUser | null> => {
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
    sessionId: session.sessionId,
  };
});

/**
 * The signed-in user, for route handlers, actions and data: null when signed out, and also while
 * the account still has an admin's one-time password — such a session may only choose a real one,
 * so nothing that reads the session here can read data with it (issue 14).
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const user = await readSession();
  return user && !user.mustChangePassword ? user : null;
}

/** The change-password page and its action, and signing out: a one-time-password session counts. */
export async function getSessionUserChoosingPassword(): Promise<SessionUser | null> {
  return readSession();
}

/**
 * For pages: the signed-in user with this permission; otherwise to /login, to /change-password
 * while the password is a one-time one (before anything is read), or a 403 page.
 */
export async function requireUser(permission: Permission = 'read'): Promise<SessionUser> {
  const user = await readSession();
  if (!user) redirect('/login');
  if (user.mustChangePassword) redirect('/change-password');
  if (!can(user.role, permission)) forbidden();
  return user;
}
