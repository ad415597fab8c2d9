// Managing staff accounts. Each function checks the acting user's role itself (ADMIN for managing
// others; anyone signed in for their own password and sessions). A new user gets a one-time
// password, shown once to the admin and never stored in clear, and must choose their own at first
// sign-in. Changing a role, deactivating or resetting a password bumps session_version, which ends
// that user's existing sessions at their next request.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { writeAudit } from '../audit/log';
import { prisma as db } from '../db';
import { UserFacingError } from '../errors';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/password';
import { authorize, type Actor, type Role } from '../auth/roles';

export const ROLES = ['ADMIN', 'REFUNDER', 'VIEWER'] as const satisfies readonly Role[];

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(320),
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  role: z.enum(ROLES, 'Choose a role.'),
});

export const newPasswordSchema = z
  .object({
    current: z.string().min(1, 'Enter your current password.').max(256),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(256),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ.' });

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), about 90 bits. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export class UserChangeRefused extends UserFacingError {}

export async function createUser(admin: Actor, input: z.output<typeof createUserSchema>) {
  authorize(admin, 'manageUsers');
  const password = oneTimePassword();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new UserChangeRefused('A user with this email already exists.');
  const user = await db.user.create({
    data: { ...input, passwordHash: await hashPassword(password), mustChangePassword: true },
    select: { id: true, email: true },
  });
  await writeAudit(db, {
    actorType: 'USER',
    actorId: admin.id,
    action: 'user.created',
    details: { userId: user.id, email: user.email, role: input.role },
  });
  return { user, oneTimePassword: password };
}

async function otherActiveAdmins(exceptId: string) {
  return db.user.count({ where: { role: 'ADMIN', active: true, id: { not: exceptId } } });
}

/**
 * Changes a user and ends their open sessions at their next request (session_version bumped: a
 * token issued before says another version), with the audit entry of who did it.
 */
async function changeEndingSessions(
  admin: Actor,
  userId: string,
  data: { role?: Role; active?: boolean },
  action: string,
  details: Record<string, string>,
) {
  try {
    await db.user.update({
      where: { id: userId },
      data: { ...data, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
  } catch (error) {
    // The database's own guard (trigger users_keep_an_active_admin): another admin was demoted or
    // deactivated at the same moment, and this change would have left no active admin.
    if (String((error as Error)?.message).includes('last active admin'))
      throw new UserChangeRefused('This is the last active admin: make someone else admin first.');
    throw error;
  }
  await writeAudit(db, { actorType: 'USER', actorId: admin.id, action, details: { userId, ...details } });
}

export async function changeRole(admin: Actor, userId: string, role: Role) {
  authorize(admin, 'manageUsers');
  if (userId === admin.id) throw new UserChangeRefused('You cannot change your own role: ask another admin.');
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
  if (!user) throw new UserChangeRefused('No such user.');
  if (user.role === role) return;
  if (user.role === 'ADMIN' && (await otherActiveAdmins(userId)) === 0)
    throw new UserChangeRefused('This is the last active admin: make someone else admin first.');
  await changeEndingSessions(admin, userId, { role }, 'user.role_changed', {
    email: user.email,
    from: user.role,
    to: role,
  });
}

export async function setActive(admin: Actor, userId: string, active: boolean) {
  authorize(admin, 'manageUsers');
  if (userId === admin.id && !active) throw new UserChangeRefused('You cannot deactivate yourself.');
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, email: true, active: true } });
  if (!user) throw new UserChangeRefused('No such user.');
  if (user.active === active) return;
  if (!active && user.role === 'ADMIN' && (await otherActiveAdmins(userId)) === 0)
    throw new UserChangeRefused('This is the last active admin.');
  await changeEndingSessions(admin, userId, { active }, active ? 'user.reactivated' : 'user.deactivated', {
    email: user.email,
  });
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
