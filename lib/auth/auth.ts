// Auth.js (next-auth v5): email and password, sessions in a signed, encrypted, httpOnly cookie.
// Sessions end after SESSION_IDLE_SECONDS without a request of the person's (counted on the server,
// lib/auth/session.ts: a page's own refreshes do not count; the proxy renews the cookie itself on
// each request) and SESSION_ABSOLUTE_SECONDS after sign-in, whatever happens. Whether the user is still
// active, and their role, are read from the database on every request (lib/auth/session.ts), with
// the session's own record (auth_sessions, named by the cookie's session id): whether it has given
// its second factor, and when it last gave a code.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { env } from '../env';
import { clientIp } from './client-ip';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from './lifetimes';
import { loginSchema, verifyLogin } from './login';
import { takeKeptSession } from './kept-session';
import { openAuthSession } from './two-factor';
import { log } from '../ops/log';

export { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from './lifetimes';

class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    userId: string;
    sessionVersion: number;
    /**
     * This sign-in's own id: its server-side record (auth_sessions.id), and the session a password
     * change keeps when it ends the others.
     */
    sessionId: string;
  }
}

// Where Auth.js builds its own URLs from (issue 14, gap 10). With the public address configured
// (PUBLIC_BASE_URL, as in production), from that: AUTH_URL is Auth.js's own variable for it, and with
// it set, no URL it makes (nor the proxy's redirect to /login) comes from the request's Host or
// X-Forwarded-Host header. Without it (a local run), from the request, as trustHost says; the
// sign-in and sign-out redirects are paths either way (app/(auth)/login/actions.ts, sign-out.ts).
const publicBaseUrl = env().PUBLIC_BASE_URL;
if (publicBaseUrl && !process.env.AUTH_URL) process.env.AUTH_URL = new URL('/api/auth', publicBaseUrl).href;

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  trustHost: true,
  // A refused sign-in is expected and already in the audit log; everything else is logged.
  logger: {
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      log('auth').error({ err: { name: error.name, message: error.message } }, 'Auth.js error');
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
          sessionId: await openAuthSession(result.user.id),
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user, trigger }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.sid = user.sessionId ?? '';
        token.loginAt = Math.floor(Date.now() / 1000);
      }
      // An update (after this session changed the password) may only carry this session over to the
      // new session version, once, and only the session that was named when it was bumped. Whatever
      // data the update came with is ignored: a browser can ask for an update too.
      if (trigger === 'update' && typeof token.uid === 'string' && typeof token.sid === 'string') {
        const version = await takeKeptSession(token.uid, token.sid);
        if (version !== null) token.sv = version;
      }
      // Absolute lifetime: the rolling cookie may not outlive the sign-in by more than this.
      if (typeof token.loginAt !== 'number' || Date.now() / 1000 - token.loginAt > SESSION_ABSOLUTE_SECONDS)
        return null;
      return token;
    },
    session({ session, token }) {
      session.userId = String(token.uid ?? '');
      session.sessionVersion = Number(token.sv ?? 0);
      session.sessionId = String(token.sid ?? '');
      return session;
    },
  },
});
