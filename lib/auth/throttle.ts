// Failed sign-ins and wrong second-factor codes, counted in PostgreSQL (every app instance sees the
// same counts), each under the keys of a rule. Past a rule's free tries, each further failure locks
// its key for a delay that doubles up to a ceiling (growing delays); a locked key refuses even the
// right password or code until the delay ends. Counts restart a day after a run of failures began.
//
// Which keys (issue 14, gap 5): a password is counted for the account *from this address* and for
// the address across all accounts, never for the account alone. Someone guessing from elsewhere
// therefore only delays themselves: the owner, from their own address, signs in as usual. Stuffing
// many accounts from one address is still stopped by the address's own count. A second-factor code
// is counted for the account alone: whoever types it already has the password. The same table counts
// each person's look-ups at Antom (takeAttempt, below).
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';

export interface ThrottleRule {
  key: string;
  /** Failures allowed before the first delay. */
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

const MINUTE = 60_000;
/** A run of failures is forgotten this long after it began. */
export const FORGET_AFTER_MS = 24 * 60 * MINUTE;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The keys a password attempt for this email from this address is counted under. */
export function signInRules(email: string, ip: string | null): ThrottleRule[] {
  const account = email.trim().toLowerCase();
  return [
    // The account from this address (a digest: the key column is 320 characters, an email alone can be).
    { key: `pair:${digest(`${account}\n${ip ?? '-'}`)}`, free: 5, firstDelayMs: MINUTE, maxDelayMs: 15 * MINUTE },
    // The address, whatever the account: credential stuffing from one place.
    ...(ip ? [{ key: `ip:${ip}`, free: 20, firstDelayMs: MINUTE, maxDelayMs: 60 * MINUTE }] : []),
  ];
}

/** The key a second-factor code for this user is counted under. */
export function codeRules(userId: string): ThrottleRule[] {
  return [{ key: `code:${userId}`, free: 5, firstDelayMs: MINUTE, maxDelayMs: 15 * MINUTE }];
}

/** The delay after the nth failure of a rule: none while free, then doubling to the ceiling. */
export function delayAfter(rule: Pick<ThrottleRule, 'free' | 'firstDelayMs' | 'maxDelayMs'>, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(30, failures - rule.free));
}

/** When the latest lock among these keys ends, or null when none is locked. */
export async function lockedUntil(db: Db, rules: { key: string }[], now = new Date()): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: rules.map((k) => k.key) }, lockedUntil: { gt: now } },
  });
  return rows.reduce<Date | null>(
    (latest, r) => (r.lockedUntil && (!latest || r.lockedUntil > latest) ? r.lockedUntil : latest),
    null,
  );
}

/** Counts one failure under each rule's key and locks the key for its next delay. */
export async function recordFailure(db: Db, rules: ThrottleRule[], now = new Date()): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  for (const rule of rules) {
    // One statement per key: concurrent failures cannot lose counts.
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO login_throttles (key, failures, window_start) VALUES (${rule.key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttles.window_start < ${forgetBefore} THEN 1 ELSE login_throttles.failures + 1 END,
        window_start = CASE WHEN login_throttles.window_start < ${forgetBefore} THEN ${now} ELSE login_throttles.window_start END
      RETURNING failures`;
    const delay = delayAfter(rule, row?.failures ?? 0);
    if (delay === 0) continue;
    // Two failures at once: the longer lock stays.
    const until = new Date(now.getTime() + delay);
    await db.$executeRaw`
      UPDATE login_throttles SET locked_until = GREATEST(COALESCE(locked_until, ${until}), ${until}) WHERE key = ${rule.key}`;
  }
}

/** Forgets the failures under these keys (after a success). */
export async function clearFailures(db: Db, rules: { key: string }[]): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: { in: rules.map((r) => r.key) } } });
}

/** Whole minutes until a lock ends, at least one: for the person's message. */
export function minutesUntil(until: Date, now = Date.now()): number {
  return Math.max(1, Math.ceil((until.getTime() - now) / MINUTE));
}

/**
 * "Look it up at Antom", per person: each look-up asks Antom up to three times (online by paymentId
 * and by paymentRequestId, in store by paymentRequestId), and Antom limits a merchant's traffic.
 * Enough for a person working through a list by hand; the command line import has no such limit.
 */
export const LOOKUP_LIMIT = { max: 10, windowMs: 60_000 };

export type Attempt = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts one attempt under `key` in a fixed window, on the sign-in counters' table (`failures` is
 * the count here), and says whether it is within `max`. One statement, so attempts made at once by
 * several app instances cannot lose counts; a refused attempt counts too but does not extend the window.
 */
export async function takeAttempt(
  db: Db,
  key: string,
  limit: { max: number; windowMs: number },
  now = new Date(),
): Promise<Attempt> {
  const windowOpen = new Date(now.getTime() - limit.windowMs);
  const [row] = await db.$queryRaw<{ failures: number; window_start: Date }[]>`
    INSERT INTO login_throttles (key, failures, window_start) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles.window_start <= ${windowOpen} THEN 1 ELSE login_throttles.failures + 1 END,
      window_start = CASE WHEN login_throttles.window_start <= ${windowOpen} THEN ${now} ELSE login_throttles.window_start END
    RETURNING failures, window_start`;
  if (row!.failures <= limit.max) return { allowed: true };
  return { allowed: false, retryAfterMs: Math.max(0, row!.window_start.getTime() + limit.windowMs - now.getTime()) };
}

/** The key of one person's look-ups (the table's keys are namespaced: pair:, ip:, code:, lookup:). */
export const lookupKey = (userId: string) => `lookup:${userId}`;
