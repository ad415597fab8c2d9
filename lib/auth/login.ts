// Checks an email and password. One message for every failure, whether or not the account exists.
import 'server-only';
import { z } from 'zod';
import { prisma } from '../db';
import { writeAudit } from '../audit/log';
import { verifyPassword } from './password';
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from './throttle';
import type { Role } from './roles';

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter your email address.').max(320),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

export const INVALID_LOGIN = 'Email or password is incorrect, or the account is not active.';

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; code: 'invalid' | 'throttled'; retryAfterMinutes?: number };

export async function verifyLogin(email: string, password: string, ip: string | null): Promise<LoginResult> {
  const keys = throttleKeys(email, ip);
  const locked = await lockedUntil(prisma, keys);
  if (locked) {
    await writeAudit(prisma, { actorType: 'SYSTEM', action: 'auth.login_throttled', details: { email }, ip });
    return {
      ok: false,
      code: 'throttled',
      retryAfterMinutes: Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 60_000)),
    };
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(prisma, keys);
    await writeAudit(prisma, {
      actorType: 'USER',
      actorId: user?.id ?? null,
      action: 'auth.login_failed',
      details: { email, reason: !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'inactive' },
      ip,
    });
    return { ok: false, code: 'invalid' };
  }
  await clearFailures(prisma, email);
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
  await writeAudit(prisma, { actorType: 'USER', actorId: user.id, action: 'auth.login', ip });
  const { passwordHash: _hash, active: _active, ...safe } = user;
  return { ok: true, user: safe };
}
