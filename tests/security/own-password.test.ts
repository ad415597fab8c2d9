// Issue 14, gap 2: changing your own password asks for the current one and ends every other session
// of yours, keeping only the one that made the change (a stolen cookie dies with the old password).
// Against real PostgreSQL; the browser flow (two sessions, one kept) is in tests/e2e/users.spec.ts.
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { takeKeptSession } from '../../lib/auth/kept-session';
import { verifyPassword } from '../../lib/auth/password';
import { setOwnPassword } from '../../lib/users/manage';
import { testPrisma } from '../setup/database';
import { tag } from '../integration/queries/data';

describe('changing your own password', () => {
  let db: Db;
  let user: { id: string };
  const actor = () => ({ id: user.id, role: 'REFUNDER' as const });
  const read = () =>
    db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { passwordHash: true, sessionVersion: true, keptSessionId: true, mustChangePassword: true },
    });

  beforeAll(async () => {
    db = testPrisma();
    user = await db.user.create({
      data: {
        email: `${tag('own')}@security.test`.toLowerCase(),
        name: 'Owen Own',
        role: 'REFUNDER',
        passwordHash: await hash('the old passphrase'),
        sessionVersion: 3,
      },
      select: { id: true },
    });
  });
  afterAll(() => db.$disconnect());

  it('refuses a wrong current password and changes nothing, sessions included', async () => {
    const before = await read();
    await expect(
      setOwnPassword(actor(), { current: 'not the passphrase', password: 'a new passphrase' }, 'session-a'),
    ).rejects.toThrow('Your current password is not right. Nothing was changed.');
    expect(await read()).toEqual(before);
    const refused = await db.auditLog.count({ where: { actorId: user.id, action: 'user.password_change_refused' } });
    expect(refused).toBe(1);
  });

  it('ends every other session and lets only the changing session, once, take the new version', async () => {
    await setOwnPassword(actor(), { current: 'the old passphrase', password: 'a new passphrase' }, 'session-a');
    const after = await read();
    expect(await verifyPassword(after.passwordHash, 'a new passphrase')).toBe(true);
    // Every token issued so far carried version 3: none is valid now.
    expect(after.sessionVersion).toBe(4);
    expect(after.keptSessionId).toBe('session-a');
    // Another session (or a copy of this cookie used after the change went through) takes nothing.
    expect(await takeKeptSession(user.id, 'session-b')).toBeNull();
    expect(await takeKeptSession(user.id, 'session-a')).toBe(4);
    expect(await takeKeptSession(user.id, 'session-a')).toBeNull();
    expect((await read()).keptSessionId).toBeNull();
  });

  it('refuses the same password as the new one', async () => {
    await expect(
      setOwnPassword(actor(), { current: 'a new passphrase', password: 'a new passphrase' }, 'session-a'),
    ).rejects.toThrow('Choose a password other than your current one.');
  });
});
