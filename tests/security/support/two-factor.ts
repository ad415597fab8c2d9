// Test helpers for two-factor sign-in: a user with a confirmed second factor (its secret sealed as
// the app seals it) and a session record, straight in the database.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../lib/db/client';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from '../../../lib/auth/recovery-codes';
import { sealSecret } from '../../../lib/auth/secret-box';
import { newTotpSecret, totpCode, TOTP_PERIOD_SECONDS } from '../../../lib/auth/totp';
import { tag } from '../../integration/queries/data';

/** Set before lib/env.ts is first read (vi.hoisted): the key the secrets are sealed with. */
export const TEST_AUTH_SECRET = 'vitest-only-auth-secret-0123456789abcdef';

export async function createUser(db: Db, role: 'ADMIN' | 'REFUNDER' | 'VIEWER' | 'APPROVER', prefix = 'tf') {
  return db.user.create({
    data: { email: `${tag(prefix)}@two-factor.test`.toLowerCase(), name: 'Tess Two', role, passwordHash: 'x' },
    select: { id: true, email: true, role: true },
  });
}

/** Confirms a second factor for the user; returns its secret and recovery codes. */
export async function enrol(db: Db, userId: string) {
  const secret = newTotpSecret();
  const recoveryCodes = newRecoveryCodes();
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: sealSecret(secret, userId), totpEnrolledAt: new Date() },
  });
  await db.recoveryCode.createMany({
    data: recoveryCodes.map((c) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!) })),
  });
  return { secret, recoveryCodes };
}

/** A session record, as a sign-in opens it; `secondFactorAt` set means it gave its code. */
export async function openSession(
  db: Db,
  userId: string,
  at: { createdAt?: Date; secondFactorAt?: Date | null; codeAt?: Date | null } = {},
) {
  const id = randomBytes(32).toString('base64url');
  await db.authSession.create({ data: { id, userId, ...at } });
  return id;
}

/** A code for a time step after `afterStep`: each step is accepted once. */
export function codeAt(secret: string, stepOffset = 0): string {
  return totpCode(secret, Date.now() + stepOffset * TOTP_PERIOD_SECONDS * 1000);
}
