/** The client's address as the nearest proxy reports it (for throttling and the audit log). */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return (forwarded || headers.get('x-real-ip') || null)?.slice(0, 64) ?? null;
}
