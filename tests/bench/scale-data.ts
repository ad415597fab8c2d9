// A busy merchant's data, generated inside PostgreSQL: `INSERT ... SELECT FROM generate_series` in a
// handful of set-based statements (no rows cross the wire), so a million payments take seconds.
// Values are hashes of the row number: the same sizes and anchor give the same payments and refunds.
// Used by `npm run seed:scale` (full size) and the query-plan test (small sizes).
import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ARGON2ID } from '../../lib/auth/password-options';
import { resultFor } from '../../sandbox/antom';
import { DEMO_USERS } from '../../lib/demo/dataset';
import { PAYMENT_METHODS } from '../../lib/payments/methods';
import { currencyExponent } from '../../lib/money';

export interface ScaleOptions {
  payments: number;
  refunds: number;
  /** The newest payment is at most this old; the oldest about two years older. */
  anchor?: Date;
}

export interface ScaleCounts {
  users: number;
  payments: number;
  refunds: number;
  auditLogs: number;
}

const SPAN_DAYS = 730;

/** Typical ticket sizes in major units; exponents 0, 2 and 3 so money formatting is exercised. */
const CURRENCIES = [
  { code: 'USD', min: 5, max: 900, weight: 26 },
  { code: 'SGD', min: 5, max: 1200, weight: 14 },
  { code: 'HKD', min: 30, max: 8000, weight: 14 },
  { code: 'CNY', min: 20, max: 6000, weight: 18 },
  { code: 'EUR', min: 5, max: 800, weight: 9 },
  { code: 'JPY', min: 500, max: 120000, weight: 12 },
  { code: 'KRW', min: 5000, max: 1500000, weight: 6 },
  { code: 'KWD', min: 2, max: 300, weight: 1 },
].map((c) => ({ ...c, exponent: currencyExponent(c.code) }));

const ONLINE_METHODS = PAYMENT_METHODS.map((m) => m.method);
const IN_STORE_METHODS = ['ALIPAY_CN', 'ALIPAY_HK', 'KAKAOPAY', 'TNG', 'CARD', 'PAYPAY'];
const PAYMENT_STATUSES = weighted({ SUCCESS: 80, FAIL: 7, CANCELLED: 5, PROCESSING: 4, PENDING: 4 });
const REASONS = [
  'Customer returned the goods',
  'Duplicate charge',
  'Order cancelled by customer',
  'Item out of stock',
  'Price adjustment',
  null,
];

const STUCK =
  'No final result 30 minutes after the request. Checks continue; if this persists, contact Antom support with the refund request id.';

/** What the dashboard holds for a refund in each outcome, with Antom's documented words. */
function outcome(
  status: string,
  code: string | null,
  antomStatus: string | null,
  hasRefundId: boolean,
  weight: number,
) {
  const words = code ? resultFor(code, 'refund.online') : null;
  return {
    status,
    result_code: code,
    result_status: words?.resultStatus ?? null,
    result_message: words?.resultMessage ?? null,
    antom_status: antomStatus,
    has_refund_id: hasRefundId,
    weight,
  };
}

const REFUND_OUTCOMES = [
  outcome('SUCCESS', 'SUCCESS', 'SUCCESS', true, 880),
  outcome('FAILED', 'PROCESS_FAIL', 'FAILED', true, 40), // an asynchronous refund that failed later
  outcome('FAILED', 'REFUND_WINDOW_EXCEED', null, false, 15),
  outcome('FAILED', 'MERCHANT_BALANCE_NOT_ENOUGH', null, false, 20),
  outcome('FAILED', 'RISK_REJECT', null, false, 5),
  outcome('PROCESSING', 'REFUND_IN_PROCESS', 'PROCESSING', true, 25),
  outcome('UNKNOWN', 'UNKNOWN_EXCEPTION', null, false, 10),
  outcome('CREATED', null, null, false, 5),
].map((o, idx) => ({ ...o, idx: idx + 1 }));

/** An array where each value appears `weight` times: a uniform pick from it is a weighted pick. */
function weighted<T extends string | number>(weights: Record<string, number> | [T, number][]): T[] {
  const entries = Array.isArray(weights) ? weights : (Object.entries(weights) as [T, number][]);
  return entries.flatMap(([value, weight]) => Array<T>(weight).fill(value));
}

/** A uniform number in [0, 1) from row number i and stream k; inlined by the planner (plain SQL). */
const UNIFORM_FN = `CREATE OR REPLACE FUNCTION pg_temp.u(i bigint, k int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashint8extended(i, k) & 2147483647)::float8 / 2147483648 $$`;

/** A version-7 UUID for an instant (as the app's uuid(7) ids are), its random bits from `seed`. */
const uuidV7 = (at: string, seed: string) =>
  `(lpad(to_hex(floor(extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`;

async function insertUsers(client: pg.ClientBase): Promise<{ initiators: string[] }> {
  // Demo logins work on the scale data too (the benchmark signs in with them); the extra staff get
  // one hash of a random password nobody knows.
  const staff = Array.from({ length: 12 }, (_, i) => ({
    email: `staff${String(i + 1).padStart(2, '0')}@scale.test`,
    name: `Staff Member ${i + 1}`,
    role: i < 2 ? 'ADMIN' : 'REFUNDER',
    active: i !== 11,
    password: null as string | null,
  }));
  const unknownPasswordHash = await hash(randomBytes(24).toString('base64url'), ARGON2ID);
  const people = [...DEMO_USERS.map((u) => ({ ...u, password: u.password as string | null })), ...staff];
  const hashes = await Promise.all(people.map((p) => (p.password ? hash(p.password, ARGON2ID) : unknownPasswordHash)));
  const { rows } = await client.query<{ id: string; role: string }>(
    `INSERT INTO users (id, email, name, password_hash, role, active, updated_at)
     SELECT gen_random_uuid(), e, n, h, r::"Role", a, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[]) AS t(e, n, h, r, a)
     RETURNING id, role::text`,
    [
      people.map((p) => p.email),
      people.map((p) => p.name),
      hashes,
      people.map((p) => p.role),
      people.map((p) => p.active),
    ],
  );
  // The demo refunder asks for a third of the refunds; everyone who may refund shares the rest.
  const refunders = rows.filter((r) => r.role !== 'VIEWER').map((r) => r.id);
  const demoRefunder = rows[DEMO_USERS.findIndex((u) => u.key === 'refunder')]!.id;
  return { initiators: [...refunders, ...Array<string>(Math.ceil(refunders.length / 2)).fill(demoRefunder)] };
}

/** The payments, first into a temporary table: their refund sums are known before they are inserted. */
async function generatePayments(client: pg.ClientBase, count: number, anchor: Date) {
  // Time grows with the square root of the row number: the merchant's volume grows over the two years.
  await client.query(
    `CREATE TEMP TABLE scale_payments ON COMMIT DROP AS
     SELECT i, to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDD') || CASE WHEN online THEN '1140' ELSE '1180' END
              || lpad(i::text, 10, '0') || lpad(abs(hashint8extended(i, 9) % 10000)::text, 4, '0') AS payment_id,
            CASE WHEN online THEN 'ORD_' ELSE 'POS_' END || to_char(created_at AT TIME ZONE 'UTC', 'YYYYMMDD') || '_' || lpad(i::text, 8, '0') AS payment_request_id,
            CASE WHEN online THEN 'ONLINE' ELSE 'IN_STORE' END::"Channel" AS channel,
            CASE WHEN c.exponent = 0 THEN greatest(10, round(major / 10) * 10) ELSE round(major * 10 ^ c.exponent) END::int AS amount_value,
            c.code AS currency, method, status::"PaymentStatus" AS status, created_at,
            CASE WHEN status = 'SUCCESS' THEN created_at + (2 + pg_temp.u(i, 7) * 88) * interval '1 second' END AS paid_at
       FROM (
         SELECT i, pg_temp.u(i, 2) < 0.65 AS online,
                $2::timestamptz - ($3::int * (1 - sqrt(i::float8 / $1::int)) * interval '1 day') - pg_temp.u(i, 1) * interval '10 minutes' AS created_at,
                ($4::int[])[1 + floor(pg_temp.u(i, 3) * cardinality($4::int[]))::int] AS currency_idx,
                ($7::text[])[1 + floor(pg_temp.u(i, 6) * cardinality($7::text[]))::int] AS status,
                CASE WHEN pg_temp.u(i, 2) < 0.65
                  THEN ($5::text[])[1 + floor(pg_temp.u(i, 5) * cardinality($5::text[]))::int]
                  ELSE ($6::text[])[1 + floor(pg_temp.u(i, 5) * cardinality($6::text[]))::int] END AS method
           FROM generate_series(1, $1::int) i
       ) g
       JOIN json_to_recordset($8::json) AS c(idx int, code text, exponent int, min float8, max float8) ON c.idx = g.currency_idx
       -- Ticket sizes are log-uniform: many small payments, few large ones.
       CROSS JOIN LATERAL (SELECT c.min * power(c.max / c.min, pg_temp.u(g.i, 4)) AS major) m`,
    [
      count,
      anchor,
      SPAN_DAYS,
      weighted(CURRENCIES.map((c, i) => [i + 1, c.weight] as [number, number])),
      ONLINE_METHODS,
      IN_STORE_METHODS,
      PAYMENT_STATUSES,
      JSON.stringify(CURRENCIES.map((c, i) => ({ idx: i + 1, ...c }))),
    ],
  );
}

/**
 * Which payments are refunded, by how much, when, and how it ended: 90% of refunds are the first of
 * a successful, refundable payment (half of them full), the rest a second partial refund of a
 * partly refunded one, so the refunds of a payment never add up to more than it.
 */
async function planRefunds(client: pg.ClientBase, count: number, anchor: Date) {
  const seconds = Math.round(count * 0.1);
  await client.query(
    `CREATE TEMP TABLE scale_refund_plan ON COMMIT DROP AS
     WITH chosen AS (
       SELECT row_number() OVER (ORDER BY hashtext(payment_id)) AS n, payment_id, amount_value, currency, method, created_at
         FROM scale_payments WHERE status = 'SUCCESS' AND method <> 'KONBINI' AND created_at < $2::timestamptz - interval '1 hour'
        ORDER BY hashtext(payment_id) LIMIT $1::int
     ), first AS (
       SELECT n, payment_id, currency, method, amount_value AS paid,
              CASE WHEN method = 'PAYPAY' OR pg_temp.u(n, 20) < 0.5 THEN amount_value
                   ELSE greatest(1, floor(amount_value * (0.1 + pg_temp.u(n, 21) * 0.5)))::int END AS amount,
              least($2::timestamptz - interval '2 minutes', created_at + interval '1 hour' + pg_temp.u(n, 22) * interval '30 days') AS created_at
         FROM chosen
     ), second AS (
       SELECT (SELECT count(*) FROM first) + row_number() OVER (ORDER BY n) AS n, payment_id, currency, method, paid,
              greatest(1, floor((paid - amount) * (0.2 + pg_temp.u(n, 23) * 0.6)))::int AS amount,
              least($2::timestamptz - interval '1 minute', created_at + interval '1 hour' + pg_temp.u(n, 24) * interval '10 days') AS created_at
         FROM first WHERE amount < paid AND method NOT IN ('PAYPAY', 'DANA')
        ORDER BY n LIMIT $3::int
     )
     SELECT r.*, o.* FROM (SELECT * FROM first UNION ALL SELECT * FROM second) r
       JOIN json_to_recordset($4::json) AS o(idx int, status text, result_code text, result_status text, result_message text,
                                               antom_status text, has_refund_id bool)
         ON o.idx = ($5::int[])[1 + floor(pg_temp.u(r.n, 30) * cardinality($5::int[]))::int]`,
    [
      count - seconds,
      anchor,
      seconds,
      JSON.stringify(REFUND_OUTCOMES),
      weighted(REFUND_OUTCOMES.map((o) => [o.idx, o.weight] as [number, number])),
    ],
  );
}

/** In time order, as they arrived, with the sums the refunds trigger would have kept. */
async function insertPayments(client: pg.ClientBase) {
  await client.query(
    `INSERT INTO payments (payment_id, payment_request_id, channel, amount_value, currency, method, status, created_at, paid_at,
                           updated_at, refund_held_value, refunded_value)
     SELECT p.payment_id, p.payment_request_id, p.channel, p.amount_value, p.currency, p.method, p.status, p.created_at, p.paid_at,
            coalesce(p.paid_at, p.created_at), coalesce(s.held, 0), coalesce(s.refunded, 0)
       FROM scale_payments p
       LEFT JOIN (SELECT payment_id, sum(amount) FILTER (WHERE status <> 'FAILED') AS held,
                         sum(amount) FILTER (WHERE status = 'SUCCESS') AS refunded
                    FROM scale_refund_plan GROUP BY payment_id) s USING (payment_id)
      ORDER BY p.i`,
  );
}

async function insertRefunds(client: pg.ClientBase, anchor: Date, initiators: string[]) {
  await client.query(
    `INSERT INTO refunds (refund_request_id, refund_id, payment_id, amount_value, currency, status, result_code, result_status,
                          result_message, antom_status, reason, idempotency_key, requested_by_id, attention_reason, next_check_at,
                          check_attempts, last_checked_at, submit_attempts, submitted_at, refunded_at, finalized_at, created_at, updated_at)
     SELECT 'RF_' || to_char(r.created_at AT TIME ZONE 'UTC', 'YYYYMMDD') || '_' || upper(substr(md5('scale-refund-' || r.n), 1, 24)),
            CASE WHEN r.has_refund_id THEN to_char(r.created_at AT TIME ZONE 'UTC', 'YYYYMMDD') || '1150' || lpad(r.n::text, 14, '0') END,
            r.payment_id, r.amount, r.currency, r.status::"RefundStatus", r.result_code, r.result_status, r.result_message, r.antom_status,
            ($1::text[])[1 + floor(pg_temp.u(r.n, 31) * cardinality($1::text[]))::int],
            'scale_' || r.n,
            ($2::uuid[])[1 + floor(pg_temp.u(r.n, 32) * cardinality($2::uuid[]))::int],
            CASE WHEN r.status IN ('PROCESSING', 'UNKNOWN') THEN $4
                 WHEN r.status = 'SUCCESS' AND pg_temp.u(r.n, 33) < 0.002
                   THEN 'Antom notified FAIL but this refund is SUCCESS: checking with Antom.' END,
            -- Open refunds are due again only in a month: the sandbox does not hold the scale data's
            -- refunds, so a reconciler asking about them now would settle them as never sent.
            CASE WHEN r.status IN ('CREATED', 'PROCESSING', 'UNKNOWN') THEN $3::timestamptz + interval '30 days' END,
            CASE WHEN r.status IN ('PROCESSING', 'UNKNOWN') THEN 12 ELSE 0 END,
            CASE WHEN r.status IN ('PROCESSING', 'UNKNOWN') THEN $3::timestamptz - interval '20 minutes' END,
            CASE WHEN r.status = 'CREATED' THEN 0 ELSE 1 END,
            CASE WHEN r.status = 'CREATED' THEN NULL ELSE r.created_at + interval '50 milliseconds' END,
            CASE WHEN r.status = 'SUCCESS' THEN r.created_at + interval '4 seconds' END,
            CASE WHEN r.status IN ('SUCCESS', 'FAILED') THEN r.created_at + interval '4 seconds' END,
            r.created_at,
            r.created_at + CASE WHEN r.status IN ('SUCCESS', 'FAILED') THEN interval '4 seconds' ELSE interval '0' END
       FROM scale_refund_plan r
      ORDER BY r.created_at`,
    [REASONS, initiators, anchor, STUCK],
  );
}

/** Each refund's request, and for those Antom answered, the transition it made (as the engine logs them). */
async function insertAuditLogs(client: pg.ClientBase) {
  await client.query(
    `INSERT INTO audit_logs (id, at, actor_type, actor_id, action, refund_request_id, payment_id, details)
     SELECT ${uuidV7('r.created_at', `'requested' || r.refund_request_id`)}, r.created_at, 'USER'::"ActorType", r.requested_by_id, 'refund.requested',
            r.refund_request_id, r.payment_id,
            jsonb_build_object('amountValue', r.amount_value, 'currency', r.currency, 'reason', r.reason, 'full', r.amount_value = p.amount_value)
       FROM refunds r JOIN payments p USING (payment_id)
     UNION ALL
     SELECT ${uuidV7(`r.created_at + interval '1200 milliseconds'`, `'moved' || r.refund_request_id`)},
            r.created_at + interval '1200 milliseconds', 'ANTOM'::"ActorType", NULL, 'refund.status_changed', r.refund_request_id, r.payment_id,
            jsonb_build_object('from', 'CREATED', 'to', r.status, 'cause', 'ANTOM_RESPONSE', 'resultCode', r.result_code)
       FROM refunds r WHERE r.status <> 'CREATED'
     ORDER BY 2`,
  );
}

/**
 * Drops the tables' secondary indexes and returns the statements that build them again: one sorted
 * build per index after the load is several times faster than a million inserts into each.
 * Indexes behind constraints (primary keys, unique) stay and check every row as it goes in.
 */
async function dropSecondaryIndexes(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1::text[]) AND t.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const index of rows) await client.query(`DROP INDEX ${index.name}`);
  return rows.map((index) => index.definition);
}

/**
 * Fills an empty, migrated database. One transaction: if anything fails, nothing is left behind,
 * not even the refund triggers switched off for the bulk insert. Run VACUUM ANALYZE afterwards
 * (see `vacuumAnalyze`): it cannot run inside a transaction.
 */
export async function fillScaleData(
  client: pg.ClientBase,
  options: ScaleOptions,
  log: (line: string) => void = () => {},
): Promise<ScaleCounts> {
  const anchor = new Date(Math.floor((options.anchor ?? new Date()).getTime() / 60_000) * 60_000);
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  await client.query('BEGIN');
  try {
    await client.query(
      `SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '512MB'`,
    );
    await client.query(UNIFORM_FN);
    const { initiators } = await step('users', () => insertUsers(client));
    await step('generate', async () => {
      await generatePayments(client, options.payments, anchor);
      await planRefunds(client, options.refunds, anchor);
    });
    const rebuilds = await dropSecondaryIndexes(client, ['payments', 'refunds', 'audit_logs']);
    await step('payments', () => insertPayments(client));
    // Row by row, the refund triggers would look up and update a payment per refund. The payments
    // already carry the sums they would have kept (the CHECK constraints held those to each
    // payment), and the plan took every refund's currency from its payment.
    await client.query('ALTER TABLE refunds DISABLE TRIGGER refunds_hold_amounts, DISABLE TRIGGER refunds_guard');
    await step('refunds', () => insertRefunds(client, anchor, initiators));
    await client.query('ALTER TABLE refunds ENABLE TRIGGER refunds_hold_amounts, ENABLE TRIGGER refunds_guard');
    await step('audit logs', () => insertAuditLogs(client));
    await step(`${rebuilds.length} indexes`, async () => {
      for (const statement of rebuilds) await client.query(statement);
    });
    await step('commit', () => client.query('COMMIT'));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  const { rows } = await client.query<{ [K in keyof ScaleCounts]: string }>(
    `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM payments) AS payments,
            (SELECT count(*) FROM refunds) AS refunds, (SELECT count(*) FROM audit_logs) AS "auditLogs"`,
  );
  const r = rows[0]!;
  return {
    users: Number(r.users),
    payments: Number(r.payments),
    refunds: Number(r.refunds),
    auditLogs: Number(r.auditLogs),
  };
}

/** Fresh statistics for the planner, and the visibility map that index-only scans need. */
export async function vacuumAnalyze(client: pg.ClientBase): Promise<void> {
  for (const table of ['users', 'payments', 'refunds', 'audit_logs']) await client.query(`VACUUM (ANALYZE) ${table}`);
}
