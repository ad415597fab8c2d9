// Issue 14, gap 7: the payment page re-renders itself every 3 s while a refund moves
// (components/auto-refresh.tsx, router.refresh()). Those re-renders must not keep an unattended tab
// signed in: the session ends 30 minutes after the person's last request, whatever the page does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../lib/db/client';
import { testPrisma } from '../setup/database';
import { createUser, openSession } from './support/two-factor';

const request = vi.hoisted(() => ({ headers: new Headers() }));
const session = vi.hoisted(() => ({
  current: null as { userId?: string; sessionVersion?: number; sessionId?: string } | null,
}));
vi.mock('../../lib/auth/auth', () => ({ auth: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

const { getSessionUser } = await import('../../lib/auth/session');

/**
 * What the page render sees of router.refresh() (a fetch(): Next.js hides its RSC header from
 * headers()), of a person's page load or download, and of a button (a server action).
 */
const PAGE_REFRESH = new Headers({ 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' });
const PAGE_LOAD = new Headers({ accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });
const BUTTON = new Headers({ 'next-action': 'abc123', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' });
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

let db: Db;
let user: { id: string };
beforeAll(async () => {
  db = testPrisma();
  user = await createUser(db, 'VIEWER', 'idle');
});
afterAll(() => db.$disconnect());

async function sessionLastActive(minutes: number) {
  const sessionId = await openSession(db, user.id);
  await db.authSession.update({ where: { id: sessionId }, data: { lastActiveAt: minutesAgo(minutes) } });
  session.current = { userId: user.id, sessionVersion: 0, sessionId };
  return sessionId;
}
const lastActive = async (id: string) =>
  (await db.authSession.findUniqueOrThrow({ where: { id }, select: { lastActiveAt: true } })).lastActiveAt;

describe('the idle expiry', () => {
  it("is not renewed by the page's own refreshes, and ends the session 30 minutes after the person's last request", async () => {
    const id = await sessionLastActive(20);
    const before = await lastActive(id);
    request.headers = PAGE_REFRESH;
    expect(await getSessionUser()).toMatchObject({ id: user.id });
    expect(await lastActive(id)).toEqual(before);

    await sessionLastActive(31);
    expect(await getSessionUser()).toBeNull();
  });

  it("is renewed by the person's page loads and buttons", async () => {
    for (const headers of [PAGE_LOAD, BUTTON]) {
      const id = await sessionLastActive(20);
      request.headers = headers;
      expect(await getSessionUser()).toMatchObject({ id: user.id });
      expect(Date.now() - (await lastActive(id)).getTime()).toBeLessThan(5_000);
    }
  });

  it('also ends a session that only the page kept busy', async () => {
    await sessionLastActive(31);
    request.headers = PAGE_LOAD; // the person comes back: too late
    expect(await getSessionUser()).toBeNull();
  });
});
