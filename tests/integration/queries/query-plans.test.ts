// The list queries stay fast at any size because each one reads an index in list order from the
// cursor on. This checks the plans PostgreSQL chooses for the exact SQL the pages run, on a scratch
// database with enough rows (and fresh statistics) that a table scan would be the planner's
// natural choice if no index fitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditListSql } from '../../../lib/audit/queries';
import { createPrismaClient, Prisma, type Db } from '../../../lib/db/client';
import { applyMigrations } from '../../../tools/db/migrations';
import { refundVolumeSummarySql } from '../../../lib/overview/volume';
import { encodeCursor } from '../../../lib/pagination/keyset';
import { idSearchSql, paymentFilterOptionsSql, paymentListSql } from '../../../lib/payments/queries';
import { refundFilterChoicesSql, refundPartSql } from '../../../lib/refunds/read/list-sql';
import { createScratchDatabase } from '../../setup/database';

// The builders live beside functions that read the session; nothing here calls those.

const PAYMENTS = 60_000;
const BIG_TABLES = new Set(['payments', 'refunds', 'audit_logs']);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

describe('query plans at scale', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;

  async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
    const rows = await db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
    return nodes(rows[0]!['QUERY PLAN'][0].Plan);
  }

  function expectIndexed(
    all: PlanNode[],
    index: string | string[],
    { sorted = false, presorted = false }: { sorted?: boolean; presorted?: boolean } = {},
  ) {
    const indexes = Array.isArray(index) ? index : [index];
    const summary = all.map(
      (n) =>
        `${n['Node Type']}${n['Index Name'] ? ` (${n['Index Name']})` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`,
    );
    expect(
      all.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.has(n['Relation Name']!)),
      summary.join(' > '),
    ).toEqual([]);
    expect(
      all.some((n) => indexes.includes(n['Index Name']!)),
      summary.join(' > '),
    ).toBe(true);
    // A keyset page that reads its index in order needs no sort of the table's rows (at most, with
    // `presorted`, a sort of rows that tie on the index's first column).
    const sorts = presorted ? ['Sort'] : ['Sort', 'Incremental Sort'];
    if (!sorted)
      expect(
        all.some((n) => sorts.includes(n['Node Type'])),
        summary.join(' > '),
      ).toBe(false);
    return all;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase('plans');
    await applyMigrations(scratch.url);
    db = createPrismaClient(scratch.url);
    await db.$executeRawUnsafe(`
      INSERT INTO users (id, email, name, password_hash, role, updated_at)
      SELECT ('00000000-0000-4000-8000-00000000000' || i)::uuid, 'u' || i || '@plans.test', 'User ' || i, 'x', 'REFUNDER', now() FROM generate_series(1, 5) i`);
    await db.$executeRawUnsafe(`
      INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at, updated_at)
      SELECT 'P' || lpad(i::text, 9, '0'), 'ORD_' || i,
        (CASE WHEN i % 3 = 0 THEN 'IN_STORE' ELSE 'ONLINE' END)::"Channel",
        100 + (i * 7919) % 100000,
        (ARRAY['USD','USD','SGD','HKD','EUR','CNY','JPY','KRW'])[1 + i % 8],
        (ARRAY['ALIPAY_CN','ALIPAY_HK','GCASH','KAKAOPAY','TNG','TRUEMONEY','DANA','CARD','KONBINI'])[1 + (i / 3) % 9],
        (CASE WHEN i % 20 = 0 THEN 'FAIL' WHEN i % 25 = 0 THEN 'PENDING' ELSE 'SUCCESS' END)::"PaymentStatus",
        timestamptz '2024-01-01' + (i / 4) * interval '1 minute', now()
      FROM generate_series(1, ${PAYMENTS}) i`);
    await db.$executeRawUnsafe(`
      INSERT INTO refunds (refund_request_id, refund_id, payment_id, amount_value, currency, status, result_code, result_status,
                           idempotency_key, requested_by_id, attention_reason, created_at, updated_at)
      SELECT 'RFD_' || p.payment_id, 'A' || p.payment_id, p.payment_id, 1, p.currency,
        (CASE WHEN n % 50 = 0 THEN 'UNKNOWN' WHEN n % 30 = 0 THEN 'PROCESSING' WHEN n % 15 = 0 THEN 'FAILED' ELSE 'SUCCESS' END)::"RefundStatus",
        CASE WHEN n % 15 = 0 THEN 'REFUND_AMOUNT_EXCEED' ELSE 'SUCCESS' END, 'S', 'k' || p.payment_id,
        ('00000000-0000-4000-8000-00000000000' || (1 + n % 5))::uuid,
        CASE WHEN n % 997 = 0 THEN 'Conflicting notifications' END,
        p.created_at + interval '1 hour', now()
      FROM (SELECT *, row_number() OVER () AS n FROM payments WHERE status = 'SUCCESS' AND payment_id LIKE '%0' OR payment_id LIKE '%5') p
      WHERE p.status = 'SUCCESS'`);
    await db.$executeRawUnsafe(`
      INSERT INTO audit_logs (id, at, actor_type, action, refund_request_id, details)
      SELECT gen_random_uuid(), created_at, 'ANTOM', CASE WHEN status = 'SUCCESS' THEN 'refund.status_changed' ELSE 'refund.requested' END, refund_request_id, '{}'
      FROM refunds`);
    await db.$executeRawUnsafe('ANALYZE');
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  async function paymentCursor(offset: number) {
    const [row] = await db.$queryRaw<{ created_at: Date; payment_id: string }[]>`
      SELECT created_at, payment_id FROM payments ORDER BY created_at DESC, payment_id DESC OFFSET ${offset} LIMIT 1`;
    return encodeCursor([row!.created_at.getTime(), row!.payment_id]);
  }

  it('reads the first page and a deep page of payments from the (created_at, payment_id) index, forward and back', async () => {
    const deep = await paymentCursor(PAYMENTS / 2);
    expectIndexed(await plan(paymentListSql({}, { direction: 'first' })), 'payments_created_at_payment_id_idx');
    const forward = expectIndexed(
      await plan(paymentListSql({}, { direction: 'after', cursor: deep })),
      'payments_created_at_payment_id_idx',
    );
    expect(forward.find((n) => n['Index Name'])!['Index Cond']).toMatch(/ROW\(created_at, .*payment_id.*\) </);
    const back = expectIndexed(
      await plan(paymentListSql({}, { direction: 'before', cursor: deep })),
      'payments_created_at_payment_id_idx',
    );
    expect(back.some((n) => n['Node Type'] === 'Index Scan' && n['Index Cond']?.includes(') >'))).toBe(true);
  });

  it.each([
    ['status', { status: 'PENDING' as const }, 'payments_status_created_at_payment_id_idx'],
    ['method', { method: 'KONBINI' }, 'payments_method_created_at_payment_id_idx'],
    ['channel', { channel: 'IN_STORE' as const }, 'payments_channel_created_at_payment_id_idx'],
    [
      'currency and a wide amount range',
      { currency: 'EUR', minAmount: 500 },
      'payments_currency_created_at_payment_id_amount_value_idx',
    ],
  ])('reads a deep page filtered by %s from its own index', async (_name, filters, index) => {
    const deep = await paymentCursor(PAYMENTS / 2);
    expectIndexed(await plan(paymentListSql(filters, { direction: 'after', cursor: deep })), index);
  });

  it('finds a narrow amount range through the (currency, amount_value) index', async () => {
    expectIndexed(
      await plan(paymentListSql({ currency: 'EUR', minAmount: 5000, maxAmount: 5010 }, { direction: 'first' })),
      'payments_currency_amount_value_idx',
      {
        sorted: true,
      },
    );
  });

  it.each([
    ['paymentId', 'p000012345', 'payments_payment_id_lower_idx'],
    ['paymentRequestId', 'ord_12345', 'payments_payment_request_id_lower_idx'],
    ['refundId', 'ap000012340', 'refunds_refund_id_lower_idx'],
    ['refundRequestId', 'rfd_p000012340', 'refunds_refund_request_id_lower_idx'],
  ])('searches by %s in any case, or by its prefix, through its lower-cased index', async (_kind, id, index) => {
    expectIndexed(await plan(idSearchSql(id)!), index, { sorted: true });
    // A prefix that 60,000 ids share still reads one range of each index, a page long, not the table.
    const all = expectIndexed(await plan(idSearchSql(id.slice(0, 8))!), index, { sorted: true });
    expect(all.find((n) => n['Index Name'] === index)!['Index Cond']).toMatch(/>=.*</s);
  });

  it.each([
    ['PARTIALLY_REFUNDED' as const, 'payments_partially_refunded_created_at_payment_id_idx'],
    ['REFUNDED' as const, 'payments_refunded_created_at_payment_id_idx'],
  ])('reads a deep page of %s payments from its own partial index', async (status, index) => {
    const deep = await paymentCursor(PAYMENTS / 2);
    expectIndexed(await plan(paymentListSql({ status }, { direction: 'first' })), index);
    expectIndexed(await plan(paymentListSql({ status }, { direction: 'after', cursor: deep })), index);
  });

  it('reads both parts of the refund list from indexes at any depth', async () => {
    const asOf = new Date('2025-01-01T00:00:00Z');
    const [row] = await db.$queryRaw<{ created_at: Date; refund_request_id: string }[]>`
      SELECT created_at, refund_request_id FROM refunds ORDER BY created_at DESC, refund_request_id DESC OFFSET 5000 LIMIT 1`;
    const deep = {
      way: 'down' as const,
      from: [row!.created_at.getTime(), row!.refund_request_id] as [number, string],
    };
    // Needing attention: one ordered branch per status (the small attention_reason branch sorts its
    // few rows), merged; at most limit + 1 rows per branch, never a sort of the table.
    expectIndexed(
      await plan(refundPartSql(0, {}, asOf, { way: 'down' }, 26)!),
      'refunds_status_created_at_refund_request_id_idx',
      { sorted: true },
    );
    expectIndexed(
      await plan(refundPartSql(0, {}, asOf, deep, 26)!),
      'refunds_status_created_at_refund_request_id_idx',
      { sorted: true },
    );
    // The rest: one index scan from the cursor, in order.
    expectIndexed(await plan(refundPartSql(1, {}, asOf, deep, 26)!), 'refunds_created_at_refund_request_id_idx');
    expectIndexed(
      await plan(refundPartSql(1, {}, asOf, { ...deep, way: 'up' }, 26)!),
      'refunds_created_at_refund_request_id_idx',
    );
    expectIndexed(
      await plan(refundPartSql(1, { status: 'FAILED' }, asOf, deep, 26)!),
      'refunds_status_created_at_refund_request_id_idx',
    );
    expectIndexed(
      await plan(refundPartSql(1, { resultCode: 'REFUND_AMOUNT_EXCEED' }, asOf, deep, 26)!),
      'refunds_result_code_created_at_refund_request_id_idx',
    );
    // The export reads 2,000 rows a batch (on this small table a batch is a fifth of it, so the planner
    // may prefer a bitmap scan and a sort; never a table scan), each with its payment's order id and
    // method by the payment's primary key.
    const batch = await plan(refundPartSql(1, {}, asOf, deep, 2001)!);
    expect(batch.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.has(n['Relation Name']!))).toEqual([]);
  });

  it('sums the overview from the stored daily sums alone, never the refunds', async () => {
    await db.$queryRawUnsafe(`SELECT refund_volume_rebuild('Asia/Singapore')`);
    // Three earlier years of folded sums (one row per day, status and currency), as a merchant with
    // history has: the table is then many times the month read, as it is in production.
    await db.$executeRawUnsafe(`
      INSERT INTO refund_volume_changes (day, status, currency, count, amount)
      SELECT d::date, s::"RefundStatus", c, 3, 300
        FROM generate_series(date '2021-01-01', date '2023-12-31', interval '1 day') d,
             unnest(ARRAY['SUCCESS', 'FAILED', 'PROCESSING', 'UNKNOWN']) s,
             unnest(ARRAY['USD', 'SGD', 'HKD', 'EUR', 'CNY', 'JPY', 'KRW']) c`);
    await db.$executeRawUnsafe('VACUUM ANALYZE refund_volume_changes'); // index-only scans need the visibility map
    // The overview's summary (what the page reads), with a currency chosen and without.
    for (const all of [
      await plan(refundVolumeSummarySql('2024-01-01', '2024-01-31', null)),
      await plan(refundVolumeSummarySql('2024-01-01', '2024-01-31', 'USD')),
    ]) {
      expect(all.some((n) => n['Relation Name'] === 'refunds')).toBe(false);
      // Through the (day, ...) index: an index-only scan or a bitmap of it, as the planner costs them; never a table scan.
      expect(all.some((n) => n['Node Type'] === 'Seq Scan')).toBe(false);
      expect(
        all.some((n) => n['Index Name'] === 'refund_volume_changes_day_status_currency_count_amount_idx'),
        JSON.stringify(all.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']])),
      ).toBe(true);
    }
  });

  it('reads a deep audit page from an index on at', async () => {
    const [row] = await db.$queryRaw<
      { at: Date; id: string }[]
    >`SELECT at, id::text FROM audit_logs ORDER BY at DESC, id DESC OFFSET 5000 LIMIT 1`;
    const cursor = encodeCursor([row!.at.getTime(), row!.id]);
    // The (at DESC, id DESC) index, in order, forward and back (audit_logs_at_idx is gone: it was this one's prefix).
    expectIndexed(await plan(auditListSql({}, { direction: 'after', cursor })), 'audit_logs_at_id_idx');
    expectIndexed(await plan(auditListSql({}, { direction: 'before', cursor })), 'audit_logs_at_id_idx');
    expectIndexed(
      await plan(auditListSql({ action: 'refund.requested' }, { direction: 'first' })),
      'audit_logs_action_at_id_idx',
    );
    expectIndexed(
      await plan(auditListSql({ action: 'refund.requested' }, { direction: 'after', cursor })),
      'audit_logs_action_at_id_idx',
    );
    // A date range and a system actor: still the (at, id) index from the cursor, never a scan.
    expectIndexed(
      await plan(
        auditListSql(
          { actor: 'ANTOM', from: new Date('2024-02-01T00:00:00Z'), to: new Date('2024-06-01T00:00:00Z') },
          { direction: 'after', cursor },
        ),
      ),
      'audit_logs_at_id_idx',
    );
  });

  it('finds the flagged refunds through their partial index instead of sorting them', async () => {
    const asOf = new Date('2025-01-01T00:00:00Z');
    const all = await plan(refundPartSql(0, {}, asOf, { way: 'down' }, 26)!);
    expect(all.some((n) => n['Index Name'] === 'refunds_attention_created_at_refund_request_id_idx')).toBe(true);
    expect(all.some((n) => n['Index Name'] === 'refunds_attention_reason_idx')).toBe(false);
  });

  it('reads the filter menus by skip scans of indexes, never a table', async () => {
    expectIndexed(await plan(paymentFilterOptionsSql), ['payments_method_created_at_payment_id_idx'], { sorted: true });
    expect(
      (await plan(paymentFilterOptionsSql)).filter((n) => n['Relation Name'] === 'payments' && !n['Index Name']),
    ).toEqual([]);
    expectIndexed(await plan(refundFilterChoicesSql), 'refunds_result_code_created_at_refund_request_id_idx', {
      sorted: true,
    });
  });
});
