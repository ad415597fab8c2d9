// The audit log list (ADMIN): keyset pages over ties in `at`, filters, and the permission check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditActions, listAuditLogs, type AuditFilters } from '../../../lib/audit/queries';
import type { Db } from '../../../lib/db/client';
import { testPrisma } from '../../setup/database';
import { insertUser, tag } from './data';
import { actAs } from './actors';
import { Forbidden } from '../../../lib/auth/roles';
import { current } from './actors';

const WINDOW = { from: new Date('2004-02-01T00:00:00Z'), to: new Date('2004-03-01T00:00:00Z') };

describe('audit log list', () => {
  let db: Db;
  const action = tag('test.').toLowerCase();
  let user: { id: string };
  const rows: { id: string; at: Date; action: string; actorId: string | null; actorType: 'USER' | 'ANTOM' }[] = [];

  beforeAll(async () => {
    db = testPrisma();
    user = await insertUser(db, 'Audit Query');
    for (let i = 0; i < 17; i++) {
      const byUser = i % 3 !== 0;
      rows.push({
        id: crypto.randomUUID(),
        // Pairs share an instant: the id breaks the tie.
        at: new Date(Date.UTC(2004, 1, 2 + Math.floor(i / 2), 9)),
        action: i % 2 ? `${action}.a` : `${action}.b`,
        actorId: byUser ? user.id : null,
        actorType: byUser ? 'USER' : 'ANTOM',
      });
    }
    await db.auditLog.createMany({ data: rows.map((r) => ({ ...r, details: { i: r.id } })) });
  });
  afterAll(() => {
    actAs('VIEWER');
    return db.$disconnect();
  });

  const expected = (keep: (r: (typeof rows)[number]) => boolean) =>
    rows
      .filter(keep)
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);

  async function walk(filters: AuditFilters) {
    const pages: string[][] = [];
    let page = await listAuditLogs(current(), filters, { direction: 'first', limit: 4 });
    pages.push(page.rows.map((r) => r.id));
    while (page.nextCursor) {
      page = await listAuditLogs(current(), filters, { direction: 'after', cursor: page.nextCursor, limit: 4 });
      pages.push(page.rows.map((r) => r.id));
    }
    const back = [pages.at(-1)!];
    while (page.prevCursor) {
      page = await listAuditLogs(current(), filters, { direction: 'before', cursor: page.prevCursor, limit: 4 });
      back.unshift(page.rows.map((r) => r.id));
    }
    expect(back).toEqual(pages);
    return pages.flat();
  }

  it('is for admins only', async () => {
    actAs('REFUNDER');
    await expect(listAuditLogs(current(), WINDOW, { direction: 'first' })).rejects.toThrow(Forbidden);
    await expect(listAuditActions(current())).rejects.toThrow(Forbidden);
    actAs('ADMIN');
  });

  it('pages newest first, forward and back, every entry once', async () => {
    actAs('ADMIN');
    expect(await walk(WINDOW)).toEqual(expected(() => true));
  });

  it('filters by action, by person, by Antom, by dates', async () => {
    actAs('ADMIN');
    expect(await walk({ ...WINDOW, action: `${action}.a` })).toEqual(expected((r) => r.action === `${action}.a`));
    expect(await walk({ ...WINDOW, actor: user.id })).toEqual(expected((r) => r.actorId === user.id));
    expect(await walk({ ...WINDOW, actor: 'ANTOM' })).toEqual(expected((r) => r.actorType === 'ANTOM'));
    const from = new Date(Date.UTC(2004, 1, 4));
    const to = new Date(Date.UTC(2004, 1, 7));
    expect(await walk({ from, to })).toEqual(expected((r) => r.at >= from && r.at < to));
  });

  it('lists the distinct actions for the filter', async () => {
    actAs('ADMIN');
    const actions = await listAuditActions(current());
    expect(actions).toEqual(expect.arrayContaining([`${action}.a`, `${action}.b`]));
    expect(new Set(actions).size).toBe(actions.length);
  });
});
