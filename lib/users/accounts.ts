// The account changes themselves, on a given database client, for the two doors that make them: the
// Users page (manage.ts, which authorizes the signed-in admin first and uses the app's client) and
// the command line (scripts/users.ts: `npm run user:create` / `user:deactivate`, run by whoever runs
// the server, recorded in the audit log as SYSTEM). No `server-only` here: the command line imports it.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { writeAudit } from '../audit/log';
import type { Db } from '../db/client';
import { UserFacingError } from '../errors';
import { hashPassword } from '../auth/password';
import type { Role } from '../auth/roles';

export const ROLES = ['ADMIN', 'REFUNDER', 'APPROVER', 'VIEWER'] as const satisfies readonly Role[];

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address.').max(320),
  name: z.string().trim().min(1, 'Enter a name.').max(120),
  role: z.enum(ROLES, 'Choose a role.'),
});

export type NewUser = z.output<typeof createUserSchema>;

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), about 90 bits. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export class UserChangeRefused extends UserFacingError {}
/** The email belongs to someone already: the form marks its email field. */
export class EmailTaken extends UserChangeRefused {}

/** Who made a change, as the audit log records it: an admin on the Users page, or the command line. */
export type ChangedBy = { actorType: 'USER'; actorId: string } | { actorType: 'SYSTEM'; via: 'command line' };

export const COMMAND_LINE: ChangedBy = { actorType: 'SYSTEM', via: 'command line' };

function audited(by: ChangedBy, details: Record<string, string>) {
  return by.actorType === 'USER'
    ? { actorType: 'USER' as const, actorId: by.actorId, details }
    : { actorType: 'SYSTEM' as const, actorId: null, details: { ...details, via: by.via } };
}

/**
 * A new account with a one-time password (returned once, stored only hashed): its owner must choose
 * their own at first sign-in. Refused when the email is taken; nothing is written then.
 */
export async function addUser(db: Db, by: ChangedBy, input: NewUser) {
  const password = oneTimePassword();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new EmailTaken('A user with this email already exists.');
  const user = await db.user.create({
    data: { ...input, passwordHash: await hashPassword(password), mustChangePassword: true },
    select: { id: true, email: true },
  });
  await writeAudit(db, {
    action: 'user.created',
    ...audited(by, { userId: user.id, email: user.email, role: input.role }),
  });
  return { user, oneTimePassword: password };
}

export async function otherActiveAdmins(db: Db, exceptId: string) {
  return db.user.count({ where: { role: 'ADMIN', active: true, id: { not: exceptId } } });
}

/**
 * Changes a user and ends their open sessions at their next request (session_version bumped: a
 * token issued before says another version), with the audit entry of who did it.
 */
export async function changeEndingSessions(
  db: Db,
  by: ChangedBy,
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
  await writeAudit(db, { action, ...audited(by, { userId, ...details }) });
}

/** Activates or deactivates a user; 'unchanged' when they already are. Never leaves no active admin. */
export async function setUserActive(
  db: Db,
  by: ChangedBy,
  userId: string,
  active: boolean,
): Promise<'changed' | 'unchanged'> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true, email: true, active: true } });
  if (!user) throw new UserChangeRefused('No such user.');
  if (user.active === active) return 'unchanged';
  if (!active && user.role === 'ADMIN' && (await otherActiveAdmins(db, userId)) === 0)
    throw new UserChangeRefused('This is the last active admin.');
  await changeEndingSessions(db, by, userId, { active }, active ? 'user.reactivated' : 'user.deactivated', {
    email: user.email,
  });
  return 'changed';
}
