// getSessionUser against the real users table: the cookie's claims count only while the account is
// active and its sessionVersion is the one the cookie was issued with. (A viewer: no second factor
// is required of the role by default; the steps a session may still owe are in tests/security/.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../lib/db/client';
import { testPrisma } from '../../setup/database';
import { tag } from '../queries/data';

const session = vi.hoisted(() => ({ current: null as { userId?: string; sessionVersion?: number } | null }));
vi.mock('../../../lib/auth/auth', () => ({ auth: async () => session.current }));

const { getSessionUser } = await import('../../../lib/auth/session');

describe('getSessionUser', () => {
  let db: Db;
  let user: { id: string; email: string; name: string };
  beforeAll(async () => {
    db = testPrisma();
    user = await db.user.create({
      data: {
        email: `${tag('s')}@session.test`.toLowerCase(),
        name: 'Session Person',
        role: 'VIEWER',
        passwordHash: 'x',
        sessionVersion: 3,
      },
      select: { id: true, email: true, name: true },
    });
  });
  afterAll(() => db.$disconnect());

  it('is the user while the account is active and the session is of its current version', async () => {
    session.current = { userId: user.id, sessionVersion: 3 };
    expect(await getSessionUser()).toEqual({
      ...user,
      role: 'VIEWER',
      mustChangePassword: false,
      sessionId: '',
      twoFactor: { enrolled: false, required: false, codeAt: null },
    });
  });

  it('is no one for an older session version, a deactivated account, an unknown or malformed id, or no session', async () => {
    session.current = { userId: user.id, sessionVersion: 2 };
    expect(await getSessionUser()).toBeNull();
    session.current = { userId: '01890000-0000-7000-8000-000000000000', sessionVersion: 0 };
    expect(await getSessionUser()).toBeNull();
    session.current = { userId: "x' OR '1'='1", sessionVersion: 3 };
    expect(await getSessionUser()).toBeNull();
    session.current = null;
    expect(await getSessionUser()).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    session.current = { userId: user.id, sessionVersion: 3 };
    expect(await getSessionUser()).toBeNull();
  });
});
