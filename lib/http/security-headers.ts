// The Content-Security-Policy every page is served with (issue 14, gap 6), and HSTS. A fresh nonce
// per request: Next.js reads it from the request's CSP header and puts it on its own scripts, so no
// script runs that the server did not write for this response. Styles come from our stylesheet
// only (no inline style attributes). Pages that get a nonce must be rendered per request, which
// every page here is (the root layout reads the request).
// Next.js guide: https://nextjs.org/docs/app/guides/content-security-policy

/** 128 random bits, base64: a nonce an attacker cannot guess. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function contentSecurityPolicy(nonce: string, { dev = false, https = false } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts that Next's nonce'd scripts load are trusted, nothing else. React's
    // development build evaluates strings, so `next dev` needs 'unsafe-eval'; a build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** The nonce in a policy contentSecurityPolicy wrote (for a script of our own that Next.js does not nonce). */
export function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
}

/** Two years, subdomains included: only ever sent over https (a browser ignores it on http). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
