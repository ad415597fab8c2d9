// Failed sign-ins are counted per account and per client address in PostgreSQL (so every app
// instance sees the same counts). Past the limit, that key is locked for a while; the message does
// not say whether the account exists.
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
