// Checks an email and password. One message for every failure, whether or not the account exists.
import 'server-only';
import { z } from 'zod';
import { prisma } from '../db';
import { writeAudit } from '../audit/log';
import { verifyPassword } from './password';
import { clearFailures, lockedUntil, minutesUntil, recordFailure, signInRules } from './throttle';
import type { Role } from './roles';
import { log } from '../ops/log';
import { countSignInFailure } from '../ops/metrics';

export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter your email address.').max(320),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

export const INVALID_LOGIN = 'Email or password is incorrect, or the account is not active.';

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; code: 'invalid' | 'throttled'; retryAfterMinutes?: number };

export async function verifyLogin(email: string, password: string, ip: string | null): Promise<LoginResult> {
  // Counted for this account from this address, and for this address: never for the account alone,
  // so a stranger's guesses elsewhere do not lock its owner out (lib/auth/throttle.ts).
  const rules = signInRules(email, ip);
  const locked = await lockedUntil(prisma, rules);
  if (locked) {
    await writeAudit(prisma, { actorType: 'SYSTEM', action: 'auth.login_throttled', details: { email }, ip });
    countSignInFailure('throttled');
    return { ok: false, code: 'throttled', retryAfterMinutes: minutesUntil(locked) };
  }
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(prisma, rules);
    await writeAudit(prisma, {
      actorType: 'USER',
      actorId: user?.id ?? null,
      action: 'auth.login_failed',
      details: { email, reason: !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'inactive' },
      ip,
    });
    countSignInFailure('invalid');
    log('auth').info(
      { reason: !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'inactive' },
      'sign-in refused',
    );
    return { ok: false, code: 'invalid' };
  }
  // This account from this address starts afresh; the address's own count stays.
  await clearFailures(
    prisma,
    rules.filter((r) => r.key.startsWith('pair:')),
  );
  await prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
  await writeAudit(prisma, { actorType: 'USER', actorId: user.id, action: 'auth.login', ip });
  const { passwordHash: _hash, active: _active, ...safe } = user;
  return { ok: true, user: safe };
}
