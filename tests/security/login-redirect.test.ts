// Issue 14, gap 10 (the login redirect): where signing in, signing out and the proxy send the browser
// never comes from the request's Host or X-Forwarded-Host header, which a misconfigured proxy or a
// poisoned cache can pass on from anyone. Sign-in and sign-out answer with a path; with the public
// address configured (PUBLIC_BASE_URL, production), Auth.js and the proxy build URLs from it.
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../lib/db/client';
import { hashPassword } from '../../lib/auth/password';
import { testPrisma } from '../setup/database';
import { createUser } from './support/two-factor';

const request = vi.hoisted(() => {
  process.env.AUTH_SECRET = 'vitest-only-auth-secret-0123456789abcdef';
  process.env.PUBLIC_BASE_URL = 'https://refunds.example.com';
  delete process.env.AUTH_URL;
  // A request that reached the app with someone else's host in it.
  return {
    headers: new Headers({ host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }),
  };
});
vi.mock('next/headers', () => ({
  headers: async () => request.headers,
  cookies: async () => ({ set: () => {}, get: () => undefined, getAll: () => [], delete: () => {} }),
}));

const { loginAction } = await import('../../app/(auth)/login/actions');
const { signOutAction } = await import('../../app/(auth)/sign-out');
const proxy = (await import('../../proxy')).default as unknown as (req: NextRequest, ev: unknown) => Promise<Response>;

/** Where a Next.js redirect() sent the browser. */
async function redirectedTo(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2];
    throw error;
  }
  return undefined;
}

let db: Db;
let email: string;
beforeAll(async () => {
  db = testPrisma();
  const user = await createUser(db, 'VIEWER', 'redirect');
  email = user.email;
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword('a right passphrase') } });
});
afterAll(() => db.$disconnect());

describe('the redirects of signing in and out', () => {
  it('signing in goes to the page asked for, as a path, whatever the Host header says', async () => {
    const form = new FormData();
    form.set('email', email);
    form.set('password', 'a right passphrase');
    form.set('next', '/refunds?status=UNKNOWN');
    expect(await redirectedTo(() => loginAction({}, form))).toBe('/refunds?status=UNKNOWN');
  });

  it('signing out goes to the login page, as a path', async () => {
    expect(await redirectedTo(() => signOutAction())).toBe('/login');
  });

  it('the proxy sends a signed-out visitor to the configured public address, not the Host header’s', async () => {
    const res = await proxy(
      new NextRequest('http://evil.example/transactions?status=SUCCESS', { headers: request.headers }),
      {},
    );
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(
      'https://refunds.example.com/login?next=%2Ftransactions%3Fstatus%3DSUCCESS',
    );
  });
});
