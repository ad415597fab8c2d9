// Plans of the queries the benchmark (tests/bench) measures, on data from the benchmark's own
// generator, where tests/integration/queries/query-plans.test.ts does not already cover them: the
// transactions page with several filters at once, and the refund audit list filtered by status,
// dates and initiator, both first and deep. The tables are big enough (60,000 payments, fresh
// statistics) that the planner picks an index by itself when one fits: no enable_seqscan = off.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, Prisma, type Db } from '../../lib/db/client';
import { applyMigrations } from '../../tools/db/migrations';
import { encodeCursor } from '../../lib/pagination/keyset';
import { paymentListSql } from '../../lib/payments/queries';
import { refundCsvBatchSql } from '../../lib/refunds/read/csv-export';
import { refundPartKeySql, refundPartSql, type RefundFilters } from '../../lib/refunds/read/list-sql';
import { fillScaleData, vacuumAnalyze } from '../bench/scale-data';
import { createScratchDatabase } from '../setup/database';

// The SQL builders live beside functions that read the session; nothing here calls those.

const ANCHOR = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const BIG_TABLES = ['payments', 'refunds'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const flatten = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(flatten)];
const describePlan = (nodes: PlanNode[]) =>
  nodes
    .map(
      (n) =>
        `${n['Node Type']}${n['Index Name'] ? ` (${n['Index Name']})` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`,
    )
    .join(' > ');

describe('plans of the benchmark queries on generated data', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;

  async function planTree(sql: Prisma.Sql): Promise<PlanNode> {
    const rows = await db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
    return rows[0]!['QUERY PLAN'][0].Plan;
  }
  const plan = async (sql: Prisma.Sql) => flatten(await planTree(sql));

  /** Reads `table` through an index, never scans a big table, and never sorts rows of one that it scanned whole. */
  function expectIndexed(nodes: PlanNode[], table: string) {
    const summary = describePlan(nodes);
    expect(
      nodes.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name']!)),
      summary,
    ).toEqual([]);
    expect(
      nodes.some((n) => n['Relation Name'] === table && n['Index Name']),
      summary,
    ).toBe(true);
  }

  /**
   * The LIMIT over the scan of `table` takes rows straight from an index in list order: no Sort
   * between them (the outer sort of the page's few rows, after the joins, is fine).
   */
  function expectReadInOrder(root: PlanNode, table: string) {
    const limits = flatten(root).filter(
      (n) => n['Node Type'] === 'Limit' && flatten(n).some((d) => d['Relation Name'] === table),
    );
    expect(limits.length, describePlan(flatten(root))).toBeGreaterThan(0);
    for (const limit of limits)
      expect(
        flatten(limit).filter((n) => n['Node Type'].endsWith('Sort')),
        describePlan(flatten(limit)),
      ).toEqual([]);
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase('scale_plans');
    await applyMigrations(scratch.url);
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await fillScaleData(client, { payments: 60_000, refunds: 18_000, anchor: ANCHOR });
      await vacuumAnalyze(client);
    } finally {
      await client.end();
    }
    db = createPrismaClient(scratch.url, { max: 2 });
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('generates data that keeps the sums the refund triggers keep (they are off for the bulk insert)', async () => {
    const [check] = await db.$queryRaw<{ payments: bigint; refunds: bigint; off: bigint; bad: bigint }[]>`
      SELECT (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM refunds) AS refunds,
             (SELECT count(*) FROM payments p LEFT JOIN (
                SELECT payment_id, sum(amount_value) FILTER (WHERE status <> 'FAILED') AS held,
                       sum(amount_value) FILTER (WHERE status = 'SUCCESS') AS refunded FROM refunds GROUP BY payment_id) s USING (payment_id)
               WHERE p.refund_held_value <> coalesce(s.held, 0) OR p.refunded_value <> coalesce(s.refunded, 0)) AS off,
             (SELECT count(*) FROM refunds r JOIN payments p USING (payment_id)
               WHERE p.status <> 'SUCCESS' OR r.currency <> p.currency OR r.created_at < p.created_at) AS bad`;
    expect(check).toEqual({ payments: 60_000n, refunds: 18_000n, off: 0n, bad: 0n });
    // ...and switched the triggers back on.
    const [triggers] = await db.$queryRaw<{ disabled: bigint }[]>`
      SELECT count(*) AS disabled FROM pg_trigger WHERE tgrelid = 'refunds'::regclass AND tgenabled = 'D'`;
    expect(triggers!.disabled).toBe(0n);
  });

  it('reads the transactions page filtered by status, currency and dates from an index, first and deep', async () => {
    const filters = {
      status: 'SUCCESS' as const,
      currency: 'EUR',
      from: new Date(ANCHOR.getTime() - 300 * DAY),
      to: new Date(ANCHOR.getTime() - 30 * DAY),
    };
    const first = await planTree(paymentListSql(filters, { direction: 'first' }));
    expectIndexed(flatten(first), 'payments');
    expectReadInOrder(first, 'payments');
    const [row] = await db.$queryRaw<{ created_at: Date; payment_id: string }[]>`
      SELECT created_at, payment_id FROM payments
       WHERE status = 'SUCCESS' AND currency = 'EUR' AND created_at >= ${filters.from} AND created_at < ${filters.to}
       ORDER BY created_at DESC, payment_id DESC OFFSET 500 LIMIT 1`;
    const cursor = encodeCursor([row!.created_at.getTime(), row!.payment_id]);
    const deep = await planTree(paymentListSql(filters, { direction: 'after', cursor }));
    expectIndexed(flatten(deep), 'payments');
    expectReadInOrder(deep, 'payments');
  });

  it('reads both parts of the refund list filtered by status, dates and initiator from indexes, first and deep', async () => {
    const [initiator] = await db.$queryRaw<
      { id: string }[]
    >`SELECT id::text FROM users WHERE email = 'refunder@demo.test'`;
    const filters: RefundFilters = {
      status: 'SUCCESS',
      initiatorId: initiator!.id,
      from: new Date(ANCHOR.getTime() - 180 * DAY),
      to: ANCHOR,
    };
    const [row] = await db.$queryRaw<{ created_at: Date; refund_request_id: string }[]>`
      SELECT created_at, refund_request_id FROM refunds WHERE status = 'SUCCESS' AND requested_by_id = ${initiator!.id}::uuid
       ORDER BY created_at DESC, refund_request_id DESC OFFSET 300 LIMIT 1`;
    const deep = {
      way: 'down' as const,
      from: [row!.created_at.getTime(), row!.refund_request_id] as [number, string],
    };
    for (const seek of [{ way: 'down' as const }, deep]) {
      for (const part of [0, 1] as const)
        expectIndexed(await plan(refundPartSql(part, filters, ANCHOR, seek, 26)!), 'refunds');
    }
  });

  it('pages the refund list by dates alone in index order, without sorting', async () => {
    const filters: RefundFilters = { from: new Date(ANCHOR.getTime() - 365 * DAY), to: ANCHOR };
    const [row] = await db.$queryRaw<{ created_at: Date; refund_request_id: string }[]>`
      SELECT created_at, refund_request_id FROM refunds ORDER BY created_at DESC, refund_request_id DESC OFFSET 5000 LIMIT 1`;
    const deep = {
      way: 'down' as const,
      from: [row!.created_at.getTime(), row!.refund_request_id] as [number, string],
    };
    const rest = await planTree(refundPartSql(1, filters, ANCHOR, deep, 26)!);
    expectIndexed(flatten(rest), 'refunds');
    expectReadInOrder(rest, 'refunds');
  });

  /** The key `offset` rows down the refund list's order among the rows matching `where`. */
  async function refundKey(offset: number, where = Prisma.sql`TRUE`): Promise<[number, string]> {
    const [row] = await db.$queryRaw<{ created_at: Date; refund_request_id: string }[]>`
      SELECT created_at, refund_request_id FROM refunds WHERE ${where}
       ORDER BY created_at DESC, refund_request_id DESC OFFSET ${offset} LIMIT 1`;
    return [row!.created_at.getTime(), row!.refund_request_id];
  }

  it('reads the refunds flagged with a reason from their partial index, in list order, first and deep', async () => {
    const deep = { way: 'down' as const, from: await refundKey(200, Prisma.sql`attention_reason IS NOT NULL`) };
    for (const seek of [{ way: 'down' as const }, deep]) {
      const root = await planTree(refundPartSql(0, {}, ANCHOR, seek, 26)!);
      const nodes = flatten(root);
      expectIndexed(nodes, 'refunds');
      expect(
        nodes.some((n) => n['Index Name'] === 'refunds_attention_created_at_refund_request_id_idx'),
        describePlan(nodes),
      ).toBe(true);
      // Every branch of the part is read in order and merged: no sort of refunds anywhere.
      expectReadInOrder(root, 'refunds');
    }
  });

  it.each<[string, RefundFilters]>([
    ['status', { status: 'SUCCESS' }],
    ['status ATTENTION', { status: 'ATTENTION' }],
    ['result code', { resultCode: 'REFUND_AMOUNT_EXCEED' }],
    ['dates', { from: new Date(ANCHOR.getTime() - 400 * DAY), to: new Date(ANCHOR.getTime() - 200 * DAY) }],
  ])('reads both parts of the refund list filtered by %s from indexes, first and deep', async (_name, filters) => {
    const deep = { way: 'down' as const, from: await refundKey(3000) };
    for (const seek of [{ way: 'down' as const }, deep])
      for (const part of [0, 1] as const) {
        const sql = refundPartSql(part, filters, ANCHOR, seek, 26);
        if (sql) expectIndexed(await plan(sql), 'refunds');
      }
  });

  it('reads the CSV export in keyset batches from indexes, each row’s payment by its primary key', async () => {
    const filters: RefundFilters = { from: new Date(ANCHOR.getTime() - 200 * DAY) };
    const deep = { way: 'down' as const, from: await refundKey(4000) };
    for (const seek of [{ way: 'down' as const }, deep])
      for (const part of [0, 1] as const) {
        const nodes = await plan(refundCsvBatchSql(part, filters, ANCHOR, seek, 5000)!);
        expectIndexed(nodes, 'refunds');
        // The order id and method come from each row's payment, looked up by its key: never a scan of payments.
        const payments = nodes.filter((n) => n['Relation Name'] === 'payments');
        expect(payments.length, describePlan(nodes)).toBeGreaterThan(0);
        for (const read of payments) expect(read['Index Name'], describePlan(nodes)).toBe('payments_pkey');
        // Where the next batch starts: the same index, no joins.
        const keys = await plan(refundPartKeySql(part, filters, ANCHOR, seek, 5000)!);
        expectIndexed(keys, 'refunds');
        expect(keys.some((n) => n['Relation Name'] === 'payments' || n['Relation Name'] === 'users')).toBe(false);
      }
  });
});
