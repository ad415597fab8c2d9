// Issue 14, gap 9: an admin cannot demote or deactivate themself (lib/users/manage.ts checks the
// actor, whatever page or request led there). The last active admin is the database's: last-admin.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db/client';
import { changeRole, setActive, UserChangeRefused } from '../../lib/users/manage';
import { testPrisma } from '../setup/database';
import { tag } from '../integration/queries/data';

describe('an admin acting on themself', () => {
  let db: Db;
  let self: { id: string; role: 'ADMIN' };
  beforeAll(async () => {
    db = testPrisma();
    const user = await db.user.create({
      data: { email: `${tag('self')}@admins.test`.toLowerCase(), name: 'Self', role: 'ADMIN', passwordHash: 'x' },
      select: { id: true },
    });
    self = { id: user.id, role: 'ADMIN' };
  });
  afterAll(() => db.$disconnect());

  it('cannot change their own role or deactivate themself, and nothing changes', async () => {
    await expect(changeRole(self, self.id, 'VIEWER')).rejects.toThrow(UserChangeRefused);
    await expect(setActive(self, self.id, false)).rejects.toThrow(UserChangeRefused);
    expect(await db.user.findUniqueOrThrow({ where: { id: self.id }, select: { role: true, active: true } })).toEqual({
      role: 'ADMIN',
      active: true,
    });
  });
});
