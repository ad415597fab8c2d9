// Issue 14, gap 9: a change to someone's access needs its confirming second click. The actions are
// public endpoints, so a forged POST without `confirm=yes` (a script, a cross-tab replay of the first
// click) is refused by the action itself and changes nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../lib/db/client';
import { testPrisma } from '../setup/database';
import { tag } from '../integration/queries/data';

const session = vi.hoisted(() => ({ current: null as Record<string, unknown> | null }));
vi.mock('../../lib/auth/auth', () => ({ auth: async () => session.current }));

const { changeRoleAction, resetPasswordAction, setActiveAction } = await import('../../app/(dashboard)/users/actions');

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('admin actions without their confirming click', () => {
  let db: Db;
  let target: { id: string };
  const read = () =>
    db.user.findUniqueOrThrow({
      where: { id: target.id },
      select: { role: true, active: true, passwordHash: true, sessionVersion: true },
    });

  beforeAll(async () => {
    db = testPrisma();
    // A full admin session: a second factor (required of admins by default) and its code given at
    // sign-in, a minute ago (fresh: no step-up question comes before the refusal under test).
    const admin = await db.user.create({
      data: {
        email: `${tag('forger')}@security.test`.toLowerCase(),
        name: 'Admin',
        role: 'ADMIN',
        passwordHash: 'x',
        totpSecret: 'sealed',
        totpEnrolledAt: new Date(),
      },
      select: { id: true },
    });
    const signedIn = new Date(Date.now() - 60_000);
    const sessionId = `forged-${tag('session')}`;
    await db.authSession.create({
      data: { id: sessionId, userId: admin.id, secondFactorAt: signedIn, codeAt: signedIn },
    });
    target = await db.user.create({
      data: {
        email: `${tag('target')}@security.test`.toLowerCase(),
        name: 'Target',
        role: 'REFUNDER',
        passwordHash: 'y',
      },
      select: { id: true },
    });
    session.current = { userId: admin.id, sessionVersion: 0, sessionId };
  });
  afterAll(() => db.$disconnect());

  it('are refused with "Confirm the change first." and change nothing', async () => {
    const before = await read();
    const attempts = [
      changeRoleAction({}, form({ userId: target.id, role: 'ADMIN' })),
      setActiveAction({}, form({ userId: target.id, active: 'false' })),
      resetPasswordAction({}, form({ userId: target.id })),
      changeRoleAction({}, form({ userId: target.id, role: 'ADMIN', confirm: 'true' })),
    ];
    for (const state of await Promise.all(attempts)) {
      expect(state.ok).toBeUndefined();
      expect(state.errors).toMatchObject({ confirm: ['Confirm the change first.'] });
    }
    expect(await read()).toEqual(before);
  });
});
