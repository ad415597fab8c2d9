// Failed sign-ins are counted per account and per client address in PostgreSQL (so every app
// instance sees the same counts). Past the limit, that key is locked for a while; the message does
// not say whether the account exists. The same table counts each person's look-ups at Antom
// (takeAttempt, below).
import type { Db } from '../db/client';

export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAccount: 5,
  maxPerAddress: 25,
};

export function throttleKeys(email: string, ip: string | null): { key: string; max: number }[] {
  const keys = [{ key: `email:${email.toLowerCase()}`, max: THROTTLE.maxPerAccount }];
  if (ip) keys.push({ key: `ip:${ip}`, max: THROTTLE.maxPerAddress });
  return keys;
}

/** When the earliest lock among these keys ends, or null when none is locked. */
export async function lockedUntil(db: Db, keys: { key: string }[], now = new Date()): Promise<Date | null> {
  const rows = await db.loginThrottle.findMany({
    where: { key: { in: keys.map((k) => k.key) }, lockedUntil: { gt: now } },
  });
  return rows.reduce<Date | null>(
    (latest, r) => (r.lockedUntil && (!latest || r.lockedUntil > latest) ? r.lockedUntil : latest),
    null,
  );
}

export async function recordFailure(db: Db, keys: { key: string; max: number }[], now = new Date()): Promise<void> {
  for (const { key, max } of keys) {
    // One statement per key: concurrent failures cannot lose counts.
    await db.$executeRaw`
      INSERT INTO login_throttles (key, failures, window_start) VALUES (${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttles.window_start < ${new Date(now.getTime() - THROTTLE.windowMs)} THEN 1 ELSE login_throttles.failures + 1 END,
        window_start = CASE WHEN login_throttles.window_start < ${new Date(now.getTime() - THROTTLE.windowMs)} THEN ${now} ELSE login_throttles.window_start END`;
    await db.$executeRaw`
      UPDATE login_throttles SET locked_until = ${new Date(now.getTime() + THROTTLE.lockMs)}, failures = 0, window_start = ${now}
      WHERE key = ${key} AND failures >= ${max}`;
  }
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${email.toLowerCase()}` } });
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

/** The key of one person's look-ups (the table's keys are namespaced: email:, ip:, lookup:). */
export const lookupKey = (userId: string) => `lookup:${userId}`;
