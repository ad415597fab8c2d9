// Two-factor sign-in (issue 14): a session of someone with a second factor is no one's until it
// gives a code, and one whose role requires a second factor it lacks goes to set one up first —
// enforced where the session is read, so pages, route handlers and actions alike. Codes: wrong ones
// are throttled, a TOTP code and a recovery code work once, the secret is stored sealed. An admin's
// reset removes it and ends the person's sessions. The browser flows are in tests/e2e/two-factor.spec.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../lib/db/client';
import { testPrisma } from '../setup/database';
import { codeAt, createUser, enrol, openSession, TEST_AUTH_SECRET } from './support/two-factor';

vi.hoisted(() => {
  process.env.AUTH_SECRET = 'vitest-only-auth-secret-0123456789abcdef';
});
const session = vi.hoisted(() => ({
  current: null as { userId?: string; sessionVersion?: number; sessionId?: string } | null,
}));
vi.mock('../../lib/auth/auth', () => ({ auth: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-client-address': '192.0.2.44' }) }));

const { getSessionUser, getSessionUserAt, requireUser } = await import('../../lib/auth/session');
const { giveCode } = await import('../../lib/auth/two-factor');
const { openSecret } = await import('../../lib/auth/secret-box');
const { authorizedAction } = await import('../../lib/auth/action');
const { resetTwoFactor } = await import('../../lib/users/two-factor');
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

/** An action as any page's would be: what it answers this session. */
const readAction = authorizedAction('test.read', 'read', z.object({}), async () => ({ ok: true, message: 'done' }));
const asAction = () => readAction({}, new FormData());

let db: Db;
beforeAll(() => {
  expect(process.env.AUTH_SECRET).toBe(TEST_AUTH_SECRET);
  db = testPrisma();
});
afterAll(() => db.$disconnect());

describe('a session that gave its password but not its code', () => {
  let user: { id: string };
  let secret: string;
  let sessionId: string;
  beforeAll(async () => {
    user = await createUser(db, 'REFUNDER', 'code');
    ({ secret } = await enrol(db, user.id));
    sessionId = await openSession(db, user.id);
    session.current = { userId: user.id, sessionVersion: 0, sessionId };
  });

  it('reads nothing: pages go to the code page, route handlers and actions see no user', async () => {
    expect(await getSessionUser()).toBeNull();
    expect(await redirectedTo(() => requireUser('read'))).toBe('/login/code');
    const res = await exportRoute.GET(new Request('http://localhost/refunds/export'));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Enter the code from your authenticator app first/);
    expect(await asAction()).toEqual({ message: 'Enter the code from your authenticator app first.' });
    expect(await getSessionUserAt('code')).toMatchObject({ id: user.id });
  });

  it('is the person once the right code is given, and only then', async () => {
    expect(await giveCode(user, sessionId, '000000', 'sign_in', null)).toMatchObject({ ok: false });
    expect(await getSessionUser()).toBeNull();
    expect(await giveCode(user, sessionId, codeAt(secret), 'sign_in', null)).toMatchObject({
      ok: true,
      method: 'totp',
    });
    expect(await getSessionUser()).toMatchObject({ id: user.id, twoFactor: { enrolled: true } });
    expect(await asAction()).toEqual({ ok: true, message: 'done' });
  });

  it('ends when the code is not given within ten minutes', async () => {
    const stale = await openSession(db, user.id, { createdAt: new Date(Date.now() - 11 * 60_000) });
    session.current = { userId: user.id, sessionVersion: 0, sessionId: stale };
    expect(await getSessionUserAt('code')).toBeNull();
    expect(await redirectedTo(() => requireUser('read'))).toBe('/login');
    // A cookie naming no record at all (made up, or from before records) is no one either.
    session.current = { userId: user.id, sessionVersion: 0, sessionId: 'no-such-session' };
    expect(await getSessionUserAt('code')).toBeNull();
  });
});

describe('a role that requires a second factor, without one', () => {
  it('is sent to set it up before anything else, and reads nothing meanwhile', async () => {
    const admin = await createUser(db, 'ADMIN', 'enrol'); // required by default (no setting stored)
    const sessionId = await openSession(db, admin.id);
    session.current = { userId: admin.id, sessionVersion: 0, sessionId };
    expect(await getSessionUser()).toBeNull();
    expect(await redirectedTo(() => requireUser('viewAudit'))).toBe('/two-factor');
    const res = await exportRoute.GET(new Request('http://localhost/refunds/export'));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/Set up two-factor sign-in first/);
    expect(await asAction()).toEqual({ message: 'Set up two-factor sign-in first.' });
    expect(await getSessionUserAt('enrol')).toMatchObject({ id: admin.id, twoFactor: { required: true } });
  });

  it('is not asked of a role that does not require it', async () => {
    const viewer = await createUser(db, 'VIEWER', 'optional');
    session.current = { userId: viewer.id, sessionVersion: 0, sessionId: await openSession(db, viewer.id) };
    expect(await getSessionUser()).toMatchObject({ id: viewer.id, twoFactor: { enrolled: false, required: false } });
  });
});

describe('codes', () => {
  it('wrong ones are throttled: after five, even the right code waits', async () => {
    const user = await createUser(db, 'VIEWER', 'wrong');
    const { secret } = await enrol(db, user.id);
    const sessionId = await openSession(db, user.id);
    for (let i = 0; i < 5; i++)
      expect(await giveCode(user, sessionId, `00000${i}`, 'sign_in', null)).toEqual({
        ok: false,
        message: expect.stringMatching(/not right/),
      });
    expect(await giveCode(user, sessionId, codeAt(secret), 'sign_in', null)).toEqual({
      ok: false,
      message: 'Too many wrong codes. Try again in 1 minute.',
    });
    expect(await db.auditLog.count({ where: { actorId: user.id, action: 'auth.two_factor_failed' } })).toBe(5);
    expect(await db.auditLog.count({ where: { actorId: user.id, action: 'auth.two_factor_throttled' } })).toBe(1);
  });

  it('a TOTP code is accepted once (its time step, and earlier ones, never again)', async () => {
    const user = await createUser(db, 'VIEWER', 'replay');
    const { secret } = await enrol(db, user.id);
    const sessionId = await openSession(db, user.id);
    const now = codeAt(secret);
    expect(await giveCode(user, sessionId, now, 'sign_in', null)).toMatchObject({ ok: true });
    expect(await giveCode(user, sessionId, now, 'step_up', null)).toMatchObject({ ok: false });
    expect(await giveCode(user, sessionId, codeAt(secret, -1), 'step_up', null)).toMatchObject({ ok: false });
    expect(await giveCode(user, sessionId, codeAt(secret, 1), 'step_up', null)).toMatchObject({ ok: true });
  });

  it('a recovery code works once, in any case and with or without dashes', async () => {
    const user = await createUser(db, 'VIEWER', 'recovery');
    const { recoveryCodes } = await enrol(db, user.id);
    const sessionId = await openSession(db, user.id);
    const typed = recoveryCodes[3]!.toLowerCase().replaceAll('-', ' ');
    expect(await giveCode(user, sessionId, typed, 'sign_in', null)).toEqual({
      ok: true,
      method: 'recovery',
      recoveryCodesLeft: 9,
    });
    expect(await giveCode(user, sessionId, recoveryCodes[3]!, 'step_up', null)).toMatchObject({ ok: false });
    const passed = await db.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: 'auth.two_factor_passed' },
    });
    expect(passed.details).toEqual({ method: 'recovery', recoveryCodesLeft: 9 });
  });

  it('the secret is stored sealed for its user only, and no code reaches the audit log', async () => {
    const user = await createUser(db, 'VIEWER', 'sealed');
    const other = await createUser(db, 'VIEWER', 'other');
    const { secret, recoveryCodes } = await enrol(db, user.id);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
    expect(row.totpSecret).not.toContain(secret);
    expect(openSecret(row.totpSecret!, user.id)).toBe(secret);
    expect(openSecret(row.totpSecret!, other.id)).toBeNull();
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored.map((r) => r.codeHash).join()).not.toContain(recoveryCodes[0]!.replaceAll('-', ''));
    // A plain listing of the users never carries the secret (omitted unless asked for by name).
    expect(Object.keys(await db.user.findUniqueOrThrow({ where: { id: user.id } }))).not.toContain('totpSecret');
  });
});

describe("an admin's reset of a lost second factor", () => {
  it('removes it and the recovery codes, and ends every session of the person', async () => {
    const admin = { id: (await createUser(db, 'ADMIN', 'resetter')).id, role: 'ADMIN' as const };
    const user = await createUser(db, 'VIEWER', 'lost');
    await enrol(db, user.id);
    await openSession(db, user.id, { secondFactorAt: new Date() });
    await resetTwoFactor(admin, user.id);
    expect(
      await db.user.findUniqueOrThrow({
        where: { id: user.id },
        select: { totpSecret: true, totpEnrolledAt: true, sessionVersion: true },
      }),
    ).toEqual({ totpSecret: null, totpEnrolledAt: null, sessionVersion: 1 });
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(0);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'user.two_factor_reset', actorId: admin.id } });
    expect(entry.details).toMatchObject({ userId: user.id });
    await expect(resetTwoFactor({ id: user.id, role: 'VIEWER' }, admin.id)).rejects.toThrow(/role does not allow/);
  });
});
