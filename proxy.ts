// Convenience only: sends signed-out visitors to /login and renews the session cookie on each request
// (the idle timeout). Every page, action and route handler still checks the session itself.
import { NextResponse } from 'next/server';
import { auth } from '@/lib/auth/auth';
import { malformedAddress } from '@/lib/http/malformed-url';

export default auth((request) => {
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
    return NextResponse.next();
  }
  const login = new URL('/login', request.nextUrl);
  const wanted = request.nextUrl.pathname + request.nextUrl.search;
  if (wanted !== '/') login.searchParams.set('next', wanted);
  return NextResponse.redirect(login);
});

export const config = {
  // Not: Auth.js itself, health checks, Antom's notifications, static files, and report uploads: with a
  // proxy, Next.js buffers a request's body in memory and cuts it at 10 MB (experimental.proxyClientMaxBodySize,
  // https://nextjs.org/docs/app/api-reference/config/next-config-js/proxyClientMaxBodySize); a report of up to
  // 1 GB is streamed to its handler instead, which checks the session itself.
  matcher: [
    '/((?!api/auth|api/health|api/antom|api/reports/upload|_next/static|_next/image|favicon.ico|robots.txt).*)',
  ],
};
