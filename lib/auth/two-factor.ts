// Two-factor sign-in: TOTP (RFC 6238) enrolment, the code after the password, recovery codes and
// the server-side record of each session that says whether it has given its code, and when it last
// did (step-up: lib/auth/step-up.ts).
//
// The session cookie names its record (auth_sessions.id, 256 random bits). A session of a person
// with a second factor is, until it gives a code, good only for the code page (lib/auth/session.ts);
// the code marks its record, on the server, so nothing the browser sends can mark it instead.
//
// Secrets: the TOTP secret is stored encrypted (secret-box.ts) and reaches a browser only on the
// enrolment page, before it is confirmed. Recovery codes are stored as digests (recovery-codes.ts
// says why not argon2) and shown once. Neither ever goes to a log or the audit log.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { prisma } from '../db';
import { writeAudit } from '../audit/log';
import { UserFacingError } from '../errors';
import { SESSION_ABSOLUTE_SECONDS } from './lifetimes';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes';
import { openSecret, sealSecret } from './secret-box';
import { clearFailures, codeRules, lockedUntil, minutesUntil, recordFailure } from './throttle';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';
import { log } from '../ops/log';

/** A session that gave its password but not yet its code ends after this. */
export const CODE_PENDING_MS = 10 * 60_000;

/** Opens the server-side record of a new session; its id goes into the session cookie. */
export async function openAuthSession(userId: string): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await prisma.authSession.create({ data: { id, userId }, select: { id: true } });
  // Every session ends SESSION_ABSOLUTE_SECONDS after sign-in: older records name nothing.
  await prisma.authSession.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - SESSION_ABSOLUTE_SECONDS * 1000) } },
  });
  return id;
}

/** Ends one session: without its record, a session of someone with a second factor is no one's. */
export async function closeAuthSession(userId: string, sessionId: string): Promise<void> {
  await prisma.authSession.deleteMany({ where: { id: sessionId, userId } });
}

/** Whether this account has a confirmed second factor: asked only after its right password. */
export async function secondFactorAsked(email: string): Promise<boolean> {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { totpEnrolledAt: true },
  });
  return !!user?.totpEnrolledAt;
}

export interface Enrolment {
  /** Base32, for typing into an app. */
  secret: string;
  /** otpauth://, for the QR code. */
  uri: string;
}

/**
 * The secret being enrolled, kept (encrypted) until a code confirms it, so reloading the page shows
 * the same QR code; a new one when none is pending. Null when the account is already enrolled.
 */
export async function pendingEnrolment(user: { id: string; email: string }): Promise<Enrolment | null> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const row = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { totpEnrolledAt: true, totpPendingSecret: true },
    });
    if (row.totpEnrolledAt) return null;
    const kept = row.totpPendingSecret ? openSecret(row.totpPendingSecret, user.id) : null;
    if (kept) return { secret: kept, uri: otpauthUri(kept, user.email) };
    const secret = newTotpSecret();
    // Only over what was read: two pages opened at once show the same secret.
    const { count } = await prisma.user.updateMany({
      where: { id: user.id, totpEnrolledAt: null, totpPendingSecret: row.totpPendingSecret },
      data: { totpPendingSecret: sealSecret(secret, user.id) },
    });
    if (count === 1) return { secret, uri: otpauthUri(secret, user.email) };
  }
  throw new Error('The enrolment secret kept changing while it was read.');
}

export type CodeOutcome =
  { ok: true; method: 'totp' | 'recovery'; recoveryCodesLeft: number } | { ok: false; message: string };

const WRONG_CODE = 'That code is not right. Check the time on your phone, or use a recovery code.';

function throttledMessage(until: Date): string {
  const minutes = minutesUntil(until);
  return `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/**
 * Confirms enrolment with a code from the app: the pending secret becomes the account's, ten new
 * recovery codes replace any old ones, and this session counts as having given its code. Returns
 * the recovery codes, to be shown once.
 */
export async function confirmEnrolment(
  user: { id: string },
  sessionId: string | null,
  code: string,
  ip: string | null,
): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; message: string }> {
  const rules = codeRules(user.id);
  const locked = await lockedUntil(prisma, rules);
  if (locked) return { ok: false, message: throttledMessage(locked) };
  const row = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { totpEnrolledAt: true, totpPendingSecret: true },
  });
  if (row.totpEnrolledAt) return { ok: false, message: 'Two-factor sign-in is already on for this account.' };
  const secret = row.totpPendingSecret ? openSecret(row.totpPendingSecret, user.id) : null;
  if (!secret) return { ok: false, message: 'This setup has expired. Reload the page to start again.' };
  const step = matchTotp(secret, code);
  if (step === null) {
    await recordFailure(prisma, rules);
    await writeAudit(prisma, { actorType: 'USER', actorId: user.id, action: 'auth.two_factor_enrol_failed', ip });
    return { ok: false, message: 'That code is not right. Check that the app shows Antom Refunds and try again.' };
  }
  const recoveryCodes = newRecoveryCodes();
  const now = new Date();
  const done = await prisma.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnrolledAt: null, totpPendingSecret: row.totpPendingSecret },
      data: {
        totpSecret: row.totpPendingSecret,
        totpPendingSecret: null,
        totpEnrolledAt: now,
        totpLastStep: step,
      },
    });
    if (count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!) })),
    });
    if (sessionId)
      await tx.authSession.updateMany({
        where: { id: sessionId, userId: user.id },
        data: { secondFactorAt: now, codeAt: now },
      });
    await writeAudit(tx, { actorType: 'USER', actorId: user.id, action: 'auth.two_factor_enrolled', ip });
    return true;
  });
  if (!done) return { ok: false, message: 'Two-factor sign-in is already on for this account.' };
  await clearFailures(prisma, rules);
  return { ok: true, recoveryCodes };
}

/** Checks a TOTP code (each time step once) or a recovery code (each code once). */
async function acceptCode(userId: string, typed: string): Promise<'totp' | 'recovery' | null> {
  const recovery = normalizeRecoveryCode(typed);
  if (recovery) {
    // Found and used up in one statement: a code works once, even for two requests at once.
    const { count } = await prisma.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(recovery), usedAt: null },
      data: { usedAt: new Date() },
    });
    return count === 1 ? 'recovery' : null;
  }
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true } });
  if (!user?.totpSecret) return null;
  const secret = openSecret(user.totpSecret, userId);
  if (!secret) {
    // AUTH_SECRET changed since enrolment (or the row was tampered with): recovery codes still work.
    log('auth').error({ userId }, 'a TOTP secret does not decrypt with the current AUTH_SECRET');
    return null;
  }
  const step = matchTotp(secret, typed);
  if (step === null) return null;
  // A code seen once (its time step or an earlier one) is never accepted again: no replay.
  const claimed = await prisma.$executeRaw`
    UPDATE users SET totp_last_step = ${step}
     WHERE id = ${userId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
  return claimed === 1 ? 'totp' : null;
}

/**
 * A code given by a signed-in person: at sign-in, after the password (`sign_in`), or to confirm an
 * action (`step_up`). Wrong codes are throttled per account with growing delays. A right one marks
 * this session's record: it has given its second factor, and when.
 */
export async function giveCode(
  user: { id: string },
  sessionId: string | null,
  typed: string,
  purpose: 'sign_in' | 'step_up',
  ip: string | null,
): Promise<CodeOutcome> {
  if (!sessionId) return { ok: false, message: 'Your session has ended. Sign in again.' };
  const rules = codeRules(user.id);
  const locked = await lockedUntil(prisma, rules);
  if (locked) {
    await writeAudit(prisma, {
      actorType: 'USER',
      actorId: user.id,
      action: 'auth.two_factor_throttled',
      details: { purpose },
      ip,
    });
    return { ok: false, message: throttledMessage(locked) };
  }
  const method = typed.trim() ? await acceptCode(user.id, typed) : null;
  if (!method) {
    await recordFailure(prisma, rules);
    await writeAudit(prisma, {
      actorType: 'USER',
      actorId: user.id,
      action: 'auth.two_factor_failed',
      details: { purpose },
      ip,
    });
    return { ok: false, message: WRONG_CODE };
  }
  await clearFailures(prisma, rules);
  const now = new Date();
  await prisma.$executeRaw`
    UPDATE auth_sessions SET code_at = ${now}, second_factor_at = COALESCE(second_factor_at, ${now})
     WHERE id = ${sessionId} AND user_id = ${user.id}::uuid`;
  const recoveryCodesLeft = await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  await writeAudit(prisma, {
    actorType: 'USER',
    actorId: user.id,
    action: purpose === 'sign_in' ? 'auth.two_factor_passed' : 'auth.step_up_passed',
    details: { method, ...(method === 'recovery' ? { recoveryCodesLeft } : {}) },
    ip,
  });
  return { ok: true, method, recoveryCodesLeft };
}

/**
 * Ten new recovery codes in place of the old ones (the caller asks for a fresh code first: step-up).
 * Returns them, to be shown once.
 */
export async function replaceRecoveryCodes(user: { id: string }, ip: string | null): Promise<string[]> {
  const codes = newRecoveryCodes();
  await prisma.$transaction(async (tx) => {
    const enrolled = await tx.user.count({ where: { id: user.id, totpEnrolledAt: { not: null } } });
    if (!enrolled) throw new UserFacingError('Set up two-factor sign-in first.');
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({
      data: codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(normalizeRecoveryCode(c)!) })),
    });
    await writeAudit(tx, { actorType: 'USER', actorId: user.id, action: 'auth.recovery_codes_replaced', ip });
  });
  return codes;
}

export interface TwoFactorStatus {
  enrolledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const [user, recoveryCodesLeft] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnrolledAt: true } }),
    prisma.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enrolledAt: user.totpEnrolledAt, recoveryCodesLeft };
}
