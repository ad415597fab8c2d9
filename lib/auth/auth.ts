// Auth.js (next-auth v5): email and password, sessions in a signed, encrypted, httpOnly cookie.
// Sessions end after SESSION_IDLE_SECONDS without a request (the proxy renews the cookie on each
// request) and SESSION_ABSOLUTE_SECONDS after sign-in, whatever happens. Whether the user is still
// active, and their role, are read from the database on every request (lib/auth/session.ts).
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { clientIp } from './client-ip';
import { loginSchema, verifyLogin } from './login';

export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 3600;

class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    userId: string;
    sessionVersion: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A refused sign-in is expected and already in the audit log; everything else is logged.
  logger: {
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS, updateAge: 60 },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) throw new LoginRefused('invalid');
        const result = await verifyLogin(parsed.data.email, parsed.data.password, clientIp(request.headers));
        if (!result.ok)
          throw new LoginRefused(result.code === 'throttled' ? `throttled_${result.retryAfterMinutes}` : 'invalid');
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          sessionVersion: result.user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.loginAt = Math.floor(Date.now() / 1000);
      }
      // Absolute lifetime: the rolling cookie may not outlive the sign-in by more than this.
      if (typeof token.loginAt !== 'number' || Date.now() / 1000 - token.loginAt > SESSION_ABSOLUTE_SECONDS)
        return null;
      return token;
    },
    session({ session, token }) {
      session.userId = String(token.uid ?? '');
      session.sessionVersion = Number(token.sv ?? 0);
      return session;
    },
  },
});
