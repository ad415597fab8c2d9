// The one place that reads the session. Pages, server actions, route handlers and data functions
// call it; proxy.ts only redirects for convenience. Each call checks the database: a deactivated
// user, or one whose sessions were revoked (sessionVersion bumped), is signed out at the next request.
//
// A session may still have a step to take before it is anyone's (a gate), in this order:
//   code      the account has a second factor and this session has not given its code yet
//   password  the account has an admin's one-time password: its holder chooses their own
//   enrol     the account's role requires a second factor and it has none yet
// Such a session is no user to anything that reads data (getSessionUser is null, requireUser sends
// the page to the step's own page before anything is read); only that step's page, its action and
// signing out read it (getSessionUserAt).
import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { prisma } from '../db';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import { ACTIVITY_WRITE_INTERVAL_MS, isBackgroundRender } from './activity';
import { auth } from './auth';
import { SESSION_IDLE_SECONDS } from './lifetimes';
import { can, type Permission, type Role } from './roles';
import { CODE_PENDING_MS } from './two-factor';
import { twoFactorRequired } from './two-factor-policy';
import { isUuid } from '../ids';
import { plainRefusal } from '../http/refusal';

export type SessionGate = 'code' | 'password' | 'enrol';

/** Where each gate sends a page. */
export const GATE_PAGES: Record<SessionGate, string> = {
  code: '/login/code',
  password: '/change-password',
  enrol: '/two-factor',
};

/** What an action or a route handler answers a gated session. */
export const GATE_MESSAGES: Record<SessionGate, string> = {
  code: 'Enter the code from your authenticator app first.',
  password: 'Choose your own password first.',
  enrol: 'Set up two-factor sign-in first.',
};

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  /**
   * This sign-in's id (the cookie's): names its server-side record (auth_sessions), and the session
   * a password change keeps. Empty for a cookie from before sessions had ids.
   */
  sessionId: string;
  twoFactor: {
    /** The account has a confirmed second factor. */
    enrolled: boolean;
    /** The account's role requires one (the admin's setting, or its default). */
    required: boolean;
    /** When this session last gave a code (sign-in or step-up). */
    codeAt: Date | null;
  };
}

interface SessionRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  session_version: number;
  must_change_password: boolean;
  enrolled: boolean;
  policy_required: boolean | null;
  session_created_at: Date | null;
  second_factor_at: Date | null;
  code_at: Date | null;
  last_active_at: Date | null;
}

/** The user the cookie names and the gate its session is at, or null when it names no one. */
const readSession = cache(async (): Promise<{ user: SessionUser; gate: SessionGate | null } | null> => {
  const session = await auth();
  if (!session?.userId || !isUuid(session.userId)) return null;
  const sessionId = typeof session.sessionId === 'string' ? session.sessionId : '';
  // Every request runs this: node-postgres, not Prisma's model query (a quarter of the CPU).
  const [row] = await queryRows<SessionRow>(
    prisma,
    Prisma.sql`SELECT u.id::text AS id, u.email, u.name, u.role::text AS role, u.active, u.session_version,
        u.must_change_password, u.totp_enrolled_at IS NOT NULL AS enrolled, p.required AS policy_required,
        s.created_at AS session_created_at, s.second_factor_at, s.code_at,
        s.last_active_at
      FROM users u
      LEFT JOIN two_factor_policy p ON p.role = u.role
      LEFT JOIN auth_sessions s ON s.id = ${sessionId} AND s.user_id = u.id
      WHERE u.id = ${session.userId}::uuid`,
  );
  if (!row || !row.active || row.session_version !== session.sessionVersion) return null;
  // Idle expiry, counted from the person's last request: the page's own refreshes neither count nor
  // renew it (lib/auth/activity.ts). The cookie's own expiry is renewed by every request (proxy.ts).
  if (row.last_active_at) {
    const idleMs = Date.now() - row.last_active_at.getTime();
    if (idleMs > SESSION_IDLE_SECONDS * 1000) return null;
    if (idleMs > ACTIVITY_WRITE_INTERVAL_MS && !isBackgroundRender(await headers()))
      await queryRows(prisma, Prisma.sql`UPDATE auth_sessions SET last_active_at = now() WHERE id = ${sessionId}`);
  }
  const user: SessionUser = {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    mustChangePassword: row.must_change_password,
    sessionId,
    twoFactor: {
      enrolled: row.enrolled,
      required: twoFactorRequired(row.role, row.policy_required),
      codeAt: row.code_at,
    },
  };
  if (row.enrolled && !row.second_factor_at) {
    // The code is asked on a session that has its record, for a while after the password.
    if (!row.session_created_at || Date.now() - row.session_created_at.getTime() > CODE_PENDING_MS) return null;
    return { user, gate: 'code' };
  }
  if (row.must_change_password) return { user, gate: 'password' };
  if (user.twoFactor.required && !row.enrolled) return { user, gate: 'enrol' };
  return { user, gate: null };
});

/**
 * The signed-in user, for route handlers, actions and data: null when signed out, and also while
 * the session has a step to take first (a code, a password of their own, enrolment): such a
 * session cannot read data through anything that reads the session here (issue 14).
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const read = await readSession();
  return read && read.gate === null ? read.user : null;
}

/** The step this session must take before it is anyone's, or null (signed out, or nothing to take). */
export async function sessionGate(): Promise<SessionGate | null> {
  return (await readSession())?.gate ?? null;
}

/**
 * For the page and action of one step (and signing out): the session's user when it is at one of
 * these gates; `null` in the list also lets a session with nothing left to do through.
 */
export async function getSessionUserAt(...gates: (SessionGate | null)[]): Promise<SessionUser | null> {
  const read = await readSession();
  return read && gates.includes(read.gate) ? read.user : null;
}

/** The change-password page and its action: a one-time password, or a session with nothing left to do. */
export async function getSessionUserChoosingPassword(): Promise<SessionUser | null> {
  return getSessionUserAt('password', null);
}

/** Signing out, and the login page's "already signed in": whoever the cookie names, at any step. */
export async function getAnySessionUser(): Promise<SessionUser | null> {
  return (await readSession())?.user ?? null;
}

/**
 * For route handlers that answer in plain text (exports, downloads): the signed-in user with this
 * permission, or the refusal to send instead: 401 with `signIn` when signed out, 403 with the step
 * to take first (a code, a password of their own, enrolment), 403 without the role.
 */
export async function routeUser(permission: Permission, signIn: string): Promise<SessionUser | Response> {
  const read = await readSession();
  if (!read) return plainRefusal(401, signIn);
  if (read.gate) return plainRefusal(403, GATE_MESSAGES[read.gate]);
  if (!can(read.user.role, permission)) return plainRefusal(403, 'Your role does not allow this.');
  return read.user;
}

/**
 * For pages: the signed-in user with this permission; otherwise to /login, to the page of the step
 * the session must take first (before anything is read), or a 403 page.
 */
export async function requireUser(permission: Permission = 'read'): Promise<SessionUser> {
  const read = await readSession();
  if (!read) redirect('/login');
  if (read.gate) redirect(GATE_PAGES[read.gate]);
  if (!can(read.user.role, permission)) forbidden();
  return read.user;
}
