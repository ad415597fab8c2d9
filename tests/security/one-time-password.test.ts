// Issue 14, gap 3: a session signed in with an admin's one-time password may only choose a real
// password. It is enforced where the session is read (lib/auth/session.ts), so pages, route handlers
// and actions alike see no user with it — not only the dashboard layout.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../lib/db/client';
import { testPrisma } from '../setup/database';
import { tag } from '../integration/queries/data';

const session = vi.hoisted(() => ({
  current: null as { userId?: string; sessionVersion?: number; sessionId?: string } | null,
}));
vi.mock('../../lib/auth/auth', () => ({ auth: async () => session.current }));

const { getSessionUser, getSessionUserChoosingPassword, requireUser } = await import('../../lib/auth/session');
const exportRoute = await import('../../app/(dashboard)/refunds/export/route');

/** The path a Next.js redirect() was thrown to, or null when it was something else. */
async function redirectedTo(work: () => Promise<unknown>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? '');
    return digest.startsWith('NEXT_REDIRECT') ? digest.split(';')[2]! : null;
  }
}

describe('a one-time-password session', () => {
  let db: Db;
  let newcomer: { id: string };
  beforeAll(async () => {
    db = testPrisma();
    newcomer = await db.user.create({
      data: {
        email: `${tag('otp')}@security.test`.toLowerCase(),
        name: 'New Admin',
        role: 'ADMIN',
        passwordHash: 'x',
        mustChangePassword: true,
      },
      select: { id: true },
    });
    session.current = { userId: newcomer.id, sessionVersion: 0 };
  });
  afterAll(() => db.$disconnect());

  it('is no user to route handlers, actions and data: the CSV export refuses it', async () => {
    expect(await getSessionUser()).toBeNull();
    const res = await exportRoute.GET(new Request('http://localhost/refunds/export'));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Choose your own password first/);
    expect(res.headers.get('content-type')).not.toMatch(/csv/);
  });

  it('sends every page to choose a password before the page reads anything', async () => {
    expect(await redirectedTo(() => requireUser('read'))).toBe('/change-password');
    expect(await redirectedTo(() => requireUser('viewAudit'))).toBe('/change-password');
  });

  it('still lets its holder choose a real password (and sign out)', async () => {
    expect(await getSessionUserChoosingPassword()).toMatchObject({ id: newcomer.id, mustChangePassword: true });
  });

  it('once the password is the person’s own, goes on to the next step: an admin sets up a second factor', async () => {
    await db.user.update({ where: { id: newcomer.id }, data: { mustChangePassword: false } });
    // Two-factor sign-in is required of admins by default (no setting stored in the test database).
    expect(await getSessionUser()).toBeNull();
    expect(await redirectedTo(() => requireUser('viewAudit'))).toBe('/two-factor');
  });

  it('becomes a full session once both are done', async () => {
    const sessionId = 'one-time-password-session';
    await db.authSession.create({ data: { id: sessionId, userId: newcomer.id, secondFactorAt: new Date() } });
    await db.user.update({ where: { id: newcomer.id }, data: { totpEnrolledAt: new Date(), totpSecret: 'sealed' } });
    session.current = { userId: newcomer.id, sessionVersion: 0, sessionId };
    expect(await getSessionUser()).toMatchObject({ id: newcomer.id, role: 'ADMIN' });
    expect(await redirectedTo(() => requireUser('viewAudit'))).toBeNull();
  });
});
