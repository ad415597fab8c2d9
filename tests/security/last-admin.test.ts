// Issue 14, gap 9: the merchant is never left without an active admin, enforced by the database
// (trigger users_keep_an_active_admin), also when two admins demote each other at the same moment.
// On a database of its own: the shared test database holds other files' admins.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../tools/db/migrations';
import { createScratchDatabase } from '../setup/database';

let scratch: { url: string; drop(): Promise<void> };
let db: pg.Client;

async function admin(email: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash, role, updated_at)
     VALUES (gen_random_uuid(), $1, $1, 'x', 'ADMIN', now()) RETURNING id::text`,
    [email],
  );
  return rows[0]!.id;
}
const activeAdmins = async () =>
  Number((await db.query(`SELECT count(*) FROM users WHERE role = 'ADMIN' AND active`)).rows[0].count);

beforeAll(async () => {
  scratch = await createScratchDatabase('last_admin');
  await applyMigrations(scratch.url);
  db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await scratch.drop();
});

describe('the last active admin', () => {
  it('cannot be demoted, deactivated or deleted; with a second admin, either can', async () => {
    const only = await admin('only@admins.test');
    for (const change of [
      `UPDATE users SET role = 'VIEWER' WHERE id = $1`,
      `UPDATE users SET active = false WHERE id = $1`,
      `DELETE FROM users WHERE id = $1`,
    ]) {
      await expect(db.query(change, [only])).rejects.toThrow(/last active admin/);
    }
    const second = await admin('second@admins.test');
    await db.query(`UPDATE users SET role = 'REFUNDER' WHERE id = $1`, [second]);
    expect(await activeAdmins()).toBe(1);
    await db.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [second]);
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [only]);
    expect(await activeAdmins()).toBe(1);
    await db.query(`TRUNCATE users CASCADE`); // (no row triggers: a fresh start for the next test)
  });

  it('two admins demoting each other at once: one change goes through, one admin remains', async () => {
    const a = await admin('a@race.test');
    const b = await admin('b@race.test');
    const one = new pg.Client({ connectionString: scratch.url });
    const two = new pg.Client({ connectionString: scratch.url });
    await Promise.all([one.connect(), two.connect()]);
    try {
      await one.query('BEGIN');
      await two.query('BEGIN');
      await one.query(`UPDATE users SET role = 'VIEWER' WHERE id = $1`, [b]);
      // Waits for the first to commit, then finds it would leave no admin.
      const second = two.query(`UPDATE users SET active = false WHERE id = $1`, [a]).then(
        () => 'applied',
        (error: Error) => error.message,
      );
      await new Promise((r) => setTimeout(r, 200));
      await one.query('COMMIT');
      expect(await second).toMatch(/last active admin/);
      await two.query('ROLLBACK');
    } finally {
      await Promise.all([one.end(), two.end()]);
    }
    expect(await activeAdmins()).toBe(1);
  });
});
