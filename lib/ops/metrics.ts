// Prometheus metrics (prom-client), served at /api/metrics to a scraper holding METRICS_TOKEN
// (app/api/metrics/route.ts). Two kinds:
// - counted where they happen, in this process: Antom calls (lib/antom's recorder), notifications (the
//   notification door), sign-in failures (lib/auth/login.ts). Each instance counts its own; Prometheus
//   adds the instances up.
// - read from the database when scraped (collect below): refunds by state and channel, the reconciler's
//   backlog, the oldest open refund. Each is one query on an index (the open states are few rows; the
//   final ones are counted for the last 24 hours only, so a scrape costs the same at 10 million rows).
// The registry lives on globalThis: Next.js loads this module once per server layer and the custom
// server once more, and they must all count into the same series.
import client from 'prom-client';
import type pg from 'pg';
import { processPools } from './pools';

const REGISTRY = Symbol.for('antom.metrics');

/** Reads what the database gauges show; the app passes its pool (scrape time, never at import). */
export type DatabaseReader = () => pg.Pool;

function makeMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  let readDatabase: DatabaseReader | undefined;
  // One scrape's database answers, shared by the gauges it fills (one round of queries per scrape).
  let snapshot: Promise<DatabaseSnapshot | null> | undefined;
  const fromDatabase = () => {
    snapshot ??= (readDatabase ? readSnapshot(readDatabase()) : Promise.resolve(null)).finally(() => {
      setTimeout(() => (snapshot = undefined), 1000).unref();
    });
    return snapshot;
  };

  const antomCalls = new client.Counter({
    name: 'antom_calls_total',
    help: 'Calls to Antom (each attempt), by operation and outcome (SUCCESS, FAILURE, UNKNOWN).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const antomLatency = new client.Histogram({
    name: 'antom_call_duration_seconds',
    help: 'Time from sending a call to Antom to its last byte (or giving up), by operation.',
    labelNames: ['operation'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
    registers: [registry],
  });
  const notifications = new client.Counter({
    name: 'antom_notifications_total',
    help: "Antom's notifications, by kind (refund, payment) and verdict (accepted, rejected, too_large, limited, error).",
    labelNames: ['kind', 'verdict'] as const,
    registers: [registry],
  });
  const signInFailures = new client.Counter({
    name: 'dashboard_sign_in_failures_total',
    help: 'Refused sign-ins, by reason (invalid: wrong email or password or inactive; throttled).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });

  new client.Gauge({
    name: 'antom_refunds',
    help: 'Refunds by state and channel: every open one (CREATED, PROCESSING, UNKNOWN), and the final ones (SUCCESS, FAILED) created in the last 24 hours.',
    labelNames: ['state', 'channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await fromDatabase())?.refunds ?? [])
        this.set({ state: row.state, channel: row.channel }, row.count);
    },
  });
  new client.Gauge({
    name: 'antom_reconciler_backlog',
    help: 'Open refunds whose next check by the reconciler is due now (it should stay near 0).',
    registers: [registry],
    async collect() {
      const s = await fromDatabase();
      if (s) this.set(s.backlog);
    },
  });
  new client.Gauge({
    name: 'antom_refund_oldest_open_age_seconds',
    help: 'Age of the oldest refund in each open state (0 when there is none).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const s = await fromDatabase();
      if (!s) return;
      for (const state of ['CREATED', 'PROCESSING', 'UNKNOWN']) this.set({ state }, s.oldestOpen[state] ?? 0);
    },
  });
  new client.Gauge({
    name: 'antom_refunds_waiting_for_approval',
    help: "Refunds waiting for a second person's approval (reserved, not sent).",
    registers: [registry],
    async collect() {
      const s = await fromDatabase();
      if (s) this.set(s.approvals.waiting);
    },
  });
  new client.Gauge({
    name: 'antom_refund_oldest_waiting_for_approval_age_seconds',
    help: 'Age of the oldest refund waiting for approval (0 when none waits).',
    registers: [registry],
    async collect() {
      const s = await fromDatabase();
      if (s) this.set(s.approvals.oldest);
    },
  });
  new client.Gauge({
    name: 'dashboard_db_pool_connections',
    help: "This process's PostgreSQL pools: connections by pool and state (total, idle, waiting clients).",
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [pool, name] of processPools()) {
        this.set({ pool: name, state: 'total' }, pool.totalCount);
        this.set({ pool: name, state: 'idle' }, pool.idleCount);
        this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
      }
    },
  });

  return {
    registry,
    antomCalls,
    antomLatency,
    notifications,
    signInFailures,
    setDatabase(reader: DatabaseReader) {
      readDatabase = reader;
    },
  };
}

interface DatabaseSnapshot {
  refunds: { state: string; channel: string; count: number }[];
  backlog: number;
  oldestOpen: Record<string, number>;
  approvals: { waiting: number; oldest: number };
}

async function readSnapshot(pool: pg.Pool): Promise<DatabaseSnapshot> {
  // Open refunds are few (index on status); final ones only of the last day (index on created_at, status).
  // Four small reads, on the pool at once.
  const [refunds, backlog, oldest, approvals] = await Promise.all([
    pool.query<{ state: string; channel: string; count: string }>(`
    SELECT r.status::text AS state, p.channel::text AS channel, count(*) AS count
      FROM refunds r JOIN payments p ON p.payment_id = r.payment_id
     WHERE r.status IN ('CREATED', 'PROCESSING', 'UNKNOWN')
        OR (r.status IN ('SUCCESS', 'FAILED') AND r.created_at > now() - interval '24 hours')
     GROUP BY 1, 2`),
    pool.query<{ count: string }>(`
    SELECT count(*) AS count FROM refunds
     WHERE status IN ('CREATED', 'PROCESSING', 'UNKNOWN') AND next_check_at <= now()`),
    pool.query<{ state: string; age: number }>(`
    SELECT status::text AS state, extract(epoch FROM now() - min(created_at))::float8 AS age
      FROM refunds WHERE status IN ('CREATED', 'PROCESSING', 'UNKNOWN') GROUP BY 1`),
    // Waiting refunds are few: the status index's PENDING_APPROVAL entries.
    pool.query<{ waiting: string; age: number | null }>(`
    SELECT count(*) AS waiting, extract(epoch FROM now() - min(created_at))::float8 AS age
      FROM refunds WHERE status = 'PENDING_APPROVAL'`),
  ]);
  return {
    approvals: {
      waiting: Number(approvals.rows[0]?.waiting ?? 0),
      oldest: Math.max(0, Math.round(approvals.rows[0]?.age ?? 0)),
    },
    refunds: refunds.rows.map((r) => ({ state: r.state, channel: r.channel, count: Number(r.count) })),
    backlog: Number(backlog.rows[0]?.count ?? 0),
    oldestOpen: Object.fromEntries(oldest.rows.map((r) => [r.state, Math.max(0, Math.round(r.age))])),
  };
}

type Metrics = ReturnType<typeof makeMetrics>;
const holder = globalThis as unknown as Record<symbol, Metrics | undefined>;

/** The process's metrics (made on first use). */
export function metrics(): Metrics {
  return (holder[REGISTRY] ??= makeMetrics());
}

/** An Antom call attempt, as lib/antom's recorder sees it. */
export function countAntomCall(operation: string, outcome: string, latencyMs: number): void {
  const m = metrics();
  m.antomCalls.inc({ operation, outcome });
  m.antomLatency.observe({ operation }, latencyMs / 1000);
}

export function countNotification(kind: 'refund' | 'payment', verdict: string): void {
  metrics().notifications.inc({ kind, verdict });
}

export function countSignInFailure(reason: 'invalid' | 'throttled'): void {
  metrics().signInFailures.inc({ reason });
}
