import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, listMigrationNames, MIGRATION_LOCK, migrationState } from '../../tools/db/migrations';
import { createScratchDatabase } from '../setup/database';

describe('migrations', () => {
  let db: Awaited<ReturnType<typeof createScratchDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createScratchDatabase('migrate');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('apply to an empty database, create every table, and apply again as a no-op', async () => {
    const onDisk = await listMigrationNames();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(await migrationState(client)).toEqual({ applied: [], pending: onDisk, failed: [] });

    expect(await applyMigrations(db.url)).toEqual(onDisk);

    const tables = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual([
      '_prisma_migrations',
      'antom_calls',
      'antom_report_rows',
      'antom_reports',
      'approval_rules',
      'audit_logs',
      'auth_sessions',
      'login_throttles',
      'notifications',
      'payments',
      'reconciliation_differences',
      'recovery_codes',
      'refund_batch_rows',
      'refund_batches',
      'refund_volume_changes',
      'refund_volume_zone',
      'refunds',
      'step_up_thresholds',
      'two_factor_policy',
      'users',
    ]);
    const recorded = await client.query(
      `SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY 1`,
    );
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(onDisk);
    expect(recorded.rows.every((r) => r.finished_at && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);

    expect(await applyMigrations(db.url)).toEqual([]);
    expect(await migrationState(client)).toEqual({ applied: onDisk, pending: [], failed: [] });
  });

  it('lets the database refuse a refund that would exceed its payment, whatever the code does', async () => {
    await client.query(`INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, updated_at)
                        VALUES ('P1', 'R1', 'ONLINE', 1000, 'USD', 'CARD', 'SUCCESS', now())`);
    const refund = (id: string, value: number, status = 'CREATED', currency = 'USD') =>
      client.query(
        `INSERT INTO refunds (refund_request_id, payment_id, amount_value, currency, status, idempotency_key, updated_at)
                    VALUES ($1, 'P1', $2, $3, $4, $1, now())`,
        [id, value, currency, status],
      );
    await refund('A', 600);
    await expect(refund('B', 500)).rejects.toThrow(/payments_refund_held_value_check/);
    await expect(refund('C', 100, 'CREATED', 'EUR')).rejects.toThrow(/not the currency of payment/);
    await expect(refund('D', 0)).rejects.toThrow(/refunds_amount_value_check/);
    await expect(refund('bad-id', 1)).rejects.toThrow(/refunds_refund_request_id_check/);
    // A failed refund releases its hold; a final state is never left.
    await client.query(`UPDATE refunds SET status = 'FAILED' WHERE refund_request_id = 'A'`);
    await refund('B', 1000, 'SUCCESS');
    const held = await client.query(`SELECT refund_held_value, refunded_value FROM payments WHERE payment_id = 'P1'`);
    expect(held.rows[0]).toEqual({ refund_held_value: 1000, refunded_value: 1000 });
    await expect(
      client.query(`UPDATE refunds SET status = 'PROCESSING' WHERE refund_request_id = 'A'`),
    ).rejects.toThrow(/is final/);
    await expect(client.query(`UPDATE refunds SET amount_value = 5 WHERE refund_request_id = 'B'`)).rejects.toThrow(
      /may not change/,
    );
  });
});

describe('migrations from several instances at once', () => {
  it('wait for one another on an advisory lock: each migration applied once, none failed', async () => {
    const db = await createScratchDatabase('migrate_many');
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      // Hold the lock as a migrator would: the three instances below must wait for it, not run.
      await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const runs = [applyMigrations(db.url), applyMigrations(db.url), applyMigrations(db.url)];
      const waiting = async () =>
        Number(
          (
            await holder.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
              [MIGRATION_LOCK],
            )
          ).rows[0]!.n,
        );
      await expect.poll(waiting, { timeout: 20_000 }).toBe(3);
      expect((await holder.query(`SELECT to_regclass('public._prisma_migrations') IS NULL AS none`)).rows[0].none).toBe(
        true,
      );
      await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);

      const applied = await Promise.all(runs);
      const onDisk = await listMigrationNames();
      // One of them applied everything; the others found nothing pending.
      expect(applied.map((names) => names.length).sort((a, b) => a - b)).toEqual([0, 0, onDisk.length]);
      const rows = await holder.query<{ migration_name: string; finished: boolean }>(
        `SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY 1`,
      );
      expect(rows.rows).toEqual(onDisk.map((migration_name) => ({ migration_name, finished: true })));
    } finally {
      await holder.end();
      await db.drop();
    }
  });
});
