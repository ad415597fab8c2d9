// Managing staff accounts. Each function checks the acting user's role itself (ADMIN for managing
// others; anyone signed in for their own password and sessions). A new user gets a one-time
// password, shown once to the admin and never stored in clear, and must choose their own at first
// sign-in. Changing a role, deactivating or resetting a password bumps session_version, which ends
// that user's existing sessions at their next request. The changes themselves are in accounts.ts,
// which the command line (scripts/users.ts) shares: one way to create or deactivate an account.
import { z } from 'zod';
import { writeAudit } from '../audit/log';
import { prisma as db } from '../db';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/password';
import { authorize, type Actor, type Role } from '../auth/roles';
import {
  addUser,
  changeEndingSessions,
  oneTimePassword,
  otherActiveAdmins,
  setUserActive,
  UserChangeRefused,
  type ChangedBy,
  type NewUser,
} from './accounts';

export { createUserSchema, EmailTaken, oneTimePassword, ROLES, UserChangeRefused } from './accounts';

export const newPasswordSchema = z
  .object({
    current: z.string().min(1, 'Enter your current password.').max(256),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(256),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

const byAdmin = (admin: Actor): ChangedBy => ({ actorType: 'USER', actorId: admin.id });

export async function createUser(admin: Actor, input: NewUser) {
  authorize(admin, 'manageUsers');
  return addUser(db, byAdmin(admin), input);
}

export async function changeRole(admin: Actor, userId: string, role: Role) {
  authorize(admin, 'manageUsers');
  if (userId === admin.id) throw new UserChangeRefused('You cannot change your own role: ask another admin.');
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
  if (!user) throw new UserChangeRefused('No such user.');
  if (user.role === role) return;
  if (user.role === 'ADMIN' && (await otherActiveAdmins(db, userId)) === 0)
    throw new UserChangeRefused('This is the last active admin: make someone else admin first.');
  await changeEndingSessions(db, byAdmin(admin), userId, { role }, 'user.role_changed', {
    email: user.email,
    from: user.role,
    to: role,
  });
}

export async function setActive(admin: Actor, userId: string, active: boolean) {
  authorize(admin, 'manageUsers');
  if (userId === admin.id && !active) throw new UserChangeRefused('You cannot deactivate yourself.');
  await setUserActive(db, byAdmin(admin), userId, active);
}

export async function resetPassword(admin: Actor, userId: string) {
  authorize(admin, 'manageUsers');
  const password = oneTimePassword();
  const user = await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), mustChangePassword: true, sessionVersion: { increment: 1 } },
    select: { email: true },
  });
  await writeAudit(db, {
    actorType: 'USER',
    actorId: admin.id,
    action: 'user.password_reset',
    details: { userId, email: user.email },
  });
  return { oneTimePassword: password };
}

/**
 * The user's own new password (the first after a one-time password, or any later change). Asks for
 * the current one, so that a borrowed session cannot lock its owner out; ends every other session
 * of the user (a stolen cookie dies with the old password) and names this one to keep: the caller
 * then renews its cookie (lib/auth/kept-session.ts).
 */
export async function setOwnPassword(
  user: Actor,
  input: { current: string; password: string },
  keepSessionId: string,
): Promise<void> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, input.current))) {
    await writeAudit(db, { actorType: 'USER', actorId: user.id, action: 'user.password_change_refused' });
    throw new UserChangeRefused('Your current password is not right. Nothing was changed.');
  }
  if (input.current === input.password) throw new UserChangeRefused('Choose a password other than your current one.');
  await db.user.update({
    where: { id: user.id },
    data: {
      passwordHash: await hashPassword(input.password),
      mustChangePassword: false,
      sessionVersion: { increment: 1 },
      keptSessionId: keepSessionId,
    },
    select: { id: true },
  });
  await writeAudit(db, {
    actorType: 'USER',
    actorId: user.id,
    action: 'user.password_changed',
    details: { otherSessionsEnded: true },
  });
}

/**
 * Signing out ends every session of this person. Clearing the cookie is not enough: a request
 * already in flight (a link prefetch) can come back with a renewed cookie. Bumping the session
 * version makes every token issued so far worthless, on every device.
 */
export async function endOwnSessions(user: Actor) {
  await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
  await writeAudit(db, { actorType: 'USER', actorId: user.id, action: 'auth.logout' });
}

export function listUsers(admin: Actor) {
  authorize(admin, 'manageUsers');
  return db.user.findMany({
    orderBy: [{ active: 'desc' }, { email: 'asc' }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      mustChangePassword: true,
      totpEnrolledAt: true,
      lastLoginAt: true,
      createdAt: true,
    },
  });
}
