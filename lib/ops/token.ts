// METRICS_TOKEN, presented as `Authorization: Bearer <token>`, guards /api/metrics and the details of
// the health checks. Compared in constant time (over SHA-256 digests, so the lengths match too).
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True only when a token is configured and the header carries exactly it. */
export function hasMetricsToken(authorization: string | null | undefined, token = env().METRICS_TOKEN): boolean {
  if (!token || !authorization) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}
