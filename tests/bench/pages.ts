// The pages the benchmark requests, each with the SQL its list runs, built by the app's own code
// from the same URL (the page's search-params parser, then the query module's SQL builder), and the
// same page done the common way (baseline-sql.ts).
import { parseAuditParams } from '../../app/(dashboard)/audit/search-params';
import { parseRefundParams } from '../../app/(dashboard)/refunds/search-params';
import { pageRequest, type SearchParams } from '../../app/(dashboard)/search-params';
import { parseTransactionParams } from '../../app/(dashboard)/transactions/search-params';
import { auditListSql } from '../../lib/audit/queries';
import type { Db, Prisma } from '../../lib/db/client';
import { localDateOf, merchantTimeZone } from '../../lib/format/time-zone';
import { encodeCursor } from '../../lib/pagination/keyset';
import { idSearchSql, paymentListSql } from '../../lib/payments/queries';
import { refundPartSql } from '../../lib/refunds/read/list-sql';
import { offsetAuditPage, offsetPaymentPage, offsetRefundPage, orSearch } from './baseline-sql';
import { httpLoad } from './measure';
import { pageRow, type Row } from './report';
import { clientTime, explainAnalyze, sqlTime } from './sql-time';

/** What a page is, for `npm run bench:compare`: each kind must cost the same at 10M as at 1M. */
export type PageKind = 'list' | 'search' | 'detail' | 'overview';
const pageKind = (name: string): PageKind =>
  name.startsWith('search')
    ? 'search'
    : name.startsWith('overview')
      ? 'overview'
      : name.includes('detail')
        ? 'detail'
        : 'list';

export interface PageScenario {
  name: string;
  /** Each connection requests these in turn (several ids, so no single row stays hot). */
  paths: string[];
  p95BudgetMs: number;
  /** The statements the page runs for its list; null where there is no list (the detail page). */
  ours: Prisma.Sql[] | null;
  baseline: Prisma.Sql[] | null;
  /** The page-1,000 rows, where baseline / ours must reach 20. */
  deep: boolean;
}

const DEEP_PAGE = 1000;
const PAGE_SIZE = 25;
const LIST_BUDGET_MS = 50;
const DETAIL_BUDGET_MS = 30;
/** Issue 15: the overview's p95 at most this times that of a page with the layout and nothing to look up. */
export const OVERVIEW_OVER_LAYOUT = 1.5;
const LAYOUT_ONLY = 'layout only (/payment-methods)';

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
const asParams = (path: string): SearchParams => Object.fromEntries(new URL(path, 'http://x').searchParams);

function transactions(name: string, path: string, deep = false): PageScenario {
  const params = asParams(path);
  const { filters, q } = parseTransactionParams(params);
  return {
    name,
    paths: [path],
    p95BudgetMs: LIST_BUDGET_MS,
    ours: [q ? idSearchSql(q)! : paymentListSql(filters, pageRequest(params))],
    baseline: q ? orSearch(q) : offsetPaymentPage(filters, deep ? DEEP_PAGE : 1),
    deep,
  };
}

/** The refund list's first page: the attention part, then the rest if the first part runs short. */
async function refundPageSql(db: Db, path: string, asOf: Date): Promise<Prisma.Sql[]> {
  const { filters } = parseRefundParams(asParams(path));
  const want = PAGE_SIZE + 1;
  const attention = refundPartSql(0, filters, asOf, { way: 'down' }, want);
  const found = attention ? (await explainAnalyze(db, attention)).rows : 0;
  const rest = found < want ? refundPartSql(1, filters, asOf, { way: 'down' }, want - found) : null;
  return [attention, rest].filter((s): s is Prisma.Sql => s !== null);
}

/** Where the cursor of page `page` starts: the last row of the page before it. */
async function cursorBefore(db: Db, page: number, method?: string): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ created_at: Date; payment_id: string }[]>(
    `SELECT created_at, payment_id FROM payments ${method ? 'WHERE method = $2' : ''}
      ORDER BY created_at DESC, payment_id DESC OFFSET $1 LIMIT 1`,
    (page - 1) * PAGE_SIZE - 1,
    ...(method ? [method] : []),
  );
  return encodeCursor([row!.created_at.getTime(), row!.payment_id]);
}

async function sample(db: Db, sql: string, n: number): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(`${sql} ORDER BY random() LIMIT ${n}`);
  return rows.map((r) => r.id);
}

const noList = { ours: null, baseline: null, deep: false };

async function pageScenarios(db: Db, refunderId: string): Promise<PageScenario[]> {
  const zone = merchantTimeZone();
  const day = (daysAgo: number) => localDateOf(new Date(Date.now() - daysAgo * 86_400_000), zone);
  const ids = {
    paymentId: await sample(db, 'SELECT payment_id AS id FROM payments TABLESAMPLE SYSTEM (1)', 50),
    paymentRequestId: await sample(db, 'SELECT payment_request_id AS id FROM payments TABLESAMPLE SYSTEM (1)', 50),
    refundId: await sample(
      db,
      'SELECT refund_id AS id FROM refunds TABLESAMPLE SYSTEM (2) WHERE refund_id IS NOT NULL',
      50,
    ),
    refundRequestId: await sample(db, 'SELECT refund_request_id AS id FROM refunds TABLESAMPLE SYSTEM (2)', 50),
  };
  const detailIds = await sample(
    db,
    'SELECT payment_id AS id FROM payments TABLESAMPLE SYSTEM (1) WHERE refund_held_value > 0',
    50,
  );
  const asOf = new Date();
  const refundsFiltered = `/refunds?${query({ status: 'SUCCESS', from: day(180), to: day(0), initiator: refunderId })}`;

  const scenarios: PageScenario[] = [
    transactions('transactions, first page', '/transactions'),
    transactions(
      'transactions, status+currency+dates',
      `/transactions?${query({ status: 'SUCCESS', currency: 'EUR', from: day(120), to: day(30) })}`,
    ),
    transactions('transactions, page 1,000', `/transactions?after=${await cursorBefore(db, DEEP_PAGE)}`, true),
    transactions(
      'transactions, method=CARD, page 1,000',
      `/transactions?method=CARD&after=${await cursorBefore(db, DEEP_PAGE, 'CARD')}`,
      true,
    ),
    transactions('transactions, status=REFUNDED', `/transactions?${query({ status: 'REFUNDED' })}`),
    transactions(
      'transactions, status=PARTIALLY_REFUNDED, from a deep cursor',
      `/transactions?status=PARTIALLY_REFUNDED&after=${await cursorBefore(db, DEEP_PAGE)}`,
    ),
    ...Object.entries(ids).map(([kind, list]) => ({
      ...transactions(`search by ${kind}`, `/transactions?q=${encodeURIComponent(list[0]!)}`),
      paths: list.map((id) => `/transactions?q=${encodeURIComponent(id)}`),
    })),
    // As people paste them: in another case with a space around, or cut short (issue 15). A paymentId's
    // first 12 characters are its date and hour: thousands of payments share them.
    ...(
      [
        [
          'search by paymentRequestId, lower case, spaced',
          ids.paymentRequestId,
          (id: string) => ` ${id.toLowerCase()} `,
        ],
        ['search by paymentId prefix (12 chars)', ids.paymentId, (id: string) => id.slice(0, 12)],
        ['search by refundRequestId prefix (16 chars)', ids.refundRequestId, (id: string) => id.slice(0, 16)],
      ] as const
    ).map(([name, list, typed]) => ({
      ...transactions(name, `/transactions?q=${encodeURIComponent(typed(list[0]!))}`),
      paths: list.map((id) => `/transactions?q=${encodeURIComponent(typed(id))}`),
    })),
    {
      name: 'transaction detail',
      paths: detailIds.map((id) => `/transactions/${encodeURIComponent(id)}`),
      p95BudgetMs: DETAIL_BUDGET_MS,
      ours: null,
      baseline: null,
      deep: false,
    },
    {
      name: 'refunds, first page',
      paths: ['/refunds'],
      p95BudgetMs: LIST_BUDGET_MS,
      ours: await refundPageSql(db, '/refunds', asOf),
      baseline: offsetRefundPage({}, asOf),
      deep: false,
    },
    {
      name: 'refunds, status+dates+initiator',
      paths: [refundsFiltered],
      p95BudgetMs: LIST_BUDGET_MS,
      ours: await refundPageSql(db, refundsFiltered, asOf),
      baseline: offsetRefundPage(parseRefundParams(asParams(refundsFiltered)).filters, asOf),
      deep: false,
    },
    {
      name: 'audit log, action filter',
      paths: ['/audit?action=refund.requested'],
      p95BudgetMs: LIST_BUDGET_MS,
      ours: [auditListSql(parseAuditParams({ action: 'refund.requested' }).filters, { direction: 'first' })],
      baseline: offsetAuditPage({ action: 'refund.requested' }),
      deep: false,
    },
    // The floor for the overview, measured just before it: the signed-in layout around a static table
    // (Antom's method rules, from code), so the session check and the shell are all it costs.
    { name: LAYOUT_ONLY, paths: ['/payment-methods'], p95BudgetMs: LIST_BUDGET_MS, ...noList },
    { name: 'overview, last 30 days', paths: ['/'], p95BudgetMs: LIST_BUDGET_MS, ...noList },
    { name: 'overview, last 90 days', paths: ['/?period=90d'], p95BudgetMs: LIST_BUDGET_MS, ...noList },
  ];
  return scenarios;
}

/** Each page: a warm-up, then `seconds` of load; then its list SQL timed by PostgreSQL and by the app's client. */
export async function measurePages(
  db: Db,
  load: { url: string; cookie: string; connections: number; seconds: number },
  refunderId: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  // BENCH_PAGES=overview,search: only the pages whose names contain one of these (while working on them);
  // the layout-only page comes with the overview, which is measured against it.
  const wanted = (process.env.BENCH_PAGES ?? '').split(',').filter(Boolean);
  if (wanted.includes('overview')) wanted.push(LAYOUT_ONLY);
  const scenarios = (await pageScenarios(db, refunderId)).filter(
    (s) => wanted.length === 0 || wanted.some((w) => s.name.includes(w)),
  );
  // BENCH_SQL=off: page times only. The SQL comparison's baselines (OFFSET + COUNT(*), one OR) take
  // minutes a page at 10M payments; comparing a 10M run with a 1M run (bench:compare) needs only the pages.
  const withSql = process.env.BENCH_SQL !== 'off';
  for (const scenario of scenarios) {
    const requests = scenario.paths.map((p) => ({ method: 'GET', path: p }));
    const options = { url: load.url, connections: load.connections, headers: { cookie: load.cookie }, requests };
    await httpLoad({ ...options, duration: 3 }); // warm-up: route modules, JIT, caches
    const timing = await httpLoad({ ...options, duration: load.seconds });
    const sql =
      withSql && scenario.ours && scenario.baseline
        ? {
            sqlMs: await sqlTime(db, scenario.ours),
            queryMs: await clientTime(db, scenario.ours),
            baselineSqlMs: await sqlTime(db, scenario.baseline, 3),
            baselineQueryMs: await clientTime(db, scenario.baseline, 3),
          }
        : null;
    const row = pageRow(
      scenario.name,
      pageKind(scenario.name),
      load.connections,
      timing,
      scenario.p95BudgetMs,
      sql,
      scenario.deep,
    );
    console.log(
      `  ${row.name}: p50 ${timing.p50.toFixed(1)} ms, p95 ${timing.p95.toFixed(1)} ms, ${timing.perSecond.toFixed(0)}/s`,
    );
    rows.push(row);
  }
  const layout = rows.find((r) => r.name === LAYOUT_ONLY);
  if (layout)
    for (const overview of rows.filter((r) => r.name.startsWith('overview'))) {
      const ratio = overview.timing.p95 / layout.timing.p95;
      overview.note = `p95 ${ratio.toFixed(2)}× the layout-only page's (${layout.timing.p95.toFixed(1)} ms)`;
      overview.checks.push({ what: `p95 ≤ ${OVERVIEW_OVER_LAYOUT}× layout only`, pass: ratio <= OVERVIEW_OVER_LAYOUT });
    }
  return rows;
}
