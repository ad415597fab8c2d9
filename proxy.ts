// Sends signed-out visitors to /login and renews the session cookie on each request: convenience
// only, every page, action and route handler still checks the session itself (and the idle timeout
// that counts is kept on the server from the person's own requests: lib/auth/session.ts).
// And the security headers that need the request: a Content-Security-Policy with a fresh nonce
// (lib/http/security-headers.ts), HSTS over https. The fixed ones are in next.config.js. And the
// path asked for, for the server-rendered navigation.
import { NextResponse, type NextRequest } from 'next/server';
import { PATHNAME_HEADER } from '@/lib/http/pathname-header';
import { auth } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { malformedAddress } from '@/lib/http/malformed-url';
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from '@/lib/http/security-headers';

/** Passes the request on with its CSP (Next.js takes the nonce from there) and answers with it. */
function withSecurityHeaders(request: NextRequest, respond: (headers: Headers) => NextResponse): NextResponse {
  // Behind a proxy that ends TLS the request arrives as http: the configured public URL says https.
  const https = request.nextUrl.protocol === 'https:' || env().PUBLIC_BASE_URL?.startsWith('https:') === true;
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === 'development', https });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  // The header's navigation marks the current section from this (components/nav-links.tsx).
  headers.set(PATHNAME_HEADER, request.nextUrl.pathname);
  const response = respond(headers);
  response.headers.set('content-security-policy', csp);
  if (https) response.headers.set('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export default auth((request) => withSecurityHeaders(request, (headers) => route(request, headers)));

function route(request: NextRequest & { auth: unknown }, headers: Headers): NextResponse {
  const malformed = malformedAddress(request.nextUrl.pathname + request.nextUrl.search);
  if (malformed) {
    return new NextResponse(`Bad request: ${malformed}.\n`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  if (request.auth || request.nextUrl.pathname === '/login') {
    // The filter forms are plain GET forms (no JavaScript), which send their empty fields too: send
    // the browser on to the same page without them, so the URL says only what is filtered.
    const url = request.nextUrl;
    if (request.method === 'GET' && [...url.searchParams.values()].some((v) => v.trim() === '')) {
      const clean = url.clone();
      clean.search = '';
      for (const [k, v] of url.searchParams) if (v.trim() !== '') clean.searchParams.append(k, v);
      return NextResponse.redirect(clean);
    }
    return NextResponse.next({ request: { headers } });
  }
  const login = new URL('/login', request.nextUrl);
  const wanted = request.nextUrl.pathname + request.nextUrl.search;
  if (wanted !== '/') login.searchParams.set('next', wanted);
  return NextResponse.redirect(login);
}

export const config = {
  // Not: Auth.js itself, health checks, metrics (a scraper has no session: the handler checks its token),
  // Antom's notifications, static files, and report uploads: with a proxy, Next.js buffers a request's
  // body in memory and cuts it at 10 MB (experimental.proxyClientMaxBodySize,
  // https://nextjs.org/docs/app/api-reference/config/next-config-js/proxyClientMaxBodySize); a report of up to
  // 1 GB is streamed to its handler instead, which checks the session itself.
  matcher: [
    '/((?!api/auth|api/health|api/metrics|api/antom|api/reports/upload|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)',
  ],
};
