// Issue 14, gap 6: a strict Content-Security-Policy with a fresh nonce per request. The policy
// itself here; that no page breaks it in Chromium is checked by tests/e2e/pages.spec.ts.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, nonceOf } from '../../lib/http/security-headers';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('the Content-Security-Policy', () => {
  it('lets scripts and styles run only with this response’s nonce, and nothing frame the page', () => {
    const nonce = newNonce();
    const csp = directives(contentSecurityPolicy(nonce));
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(contentSecurityPolicy(nonce)).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('allows eval only for `next dev`, and upgrades requests only over https', () => {
    expect(directives(contentSecurityPolicy('n', { dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy('n', { https: true })).has('upgrade-insecure-requests')).toBe(true);
  });

  it("reads the nonce back from a policy (for the root layout's own script), and none from no policy", () => {
    const nonce = newNonce();
    expect(nonceOf(contentSecurityPolicy(nonce))).toBe(nonce);
    expect(nonceOf(null)).toBeUndefined();
    expect(nonceOf("default-src 'self'")).toBeUndefined();
  });

  it('uses a new 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
