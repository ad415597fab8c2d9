// Convenience only: sends signed-out visitors to /login and renews the session cookie on each request
// (the idle timeout). Every page, action and route handler still checks the session itself.
import { NextResponse } from 'next/server';
import { auth } from '@/lib/auth/auth';

export default auth((request) => {
  if (request.auth || request.nextUrl.pathname === '/login') return NextResponse.next();
  const login = new URL('/login', request.nextUrl);
  const wanted = request.nextUrl.pathname + request.nextUrl.search;
  if (wanted !== '/') login.searchParams.set('next', wanted);
  return NextResponse.redirect(login);
});

export const config = {
  // Not: Auth.js itself, health checks, Antom's notifications, static files.
  matcher: ['/((?!api/auth|api/health|api/antom|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
