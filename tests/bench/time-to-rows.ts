// "Time to rows" (issue 15): in Chromium, how long after a navigation starts each page shows its rows,
// next to the server's time for the same navigation. A page whose rows arrive in a streamed, hidden
// segment (a loading.tsx boundary) shows them only when React swaps them in, well after the last byte:
// the budget is rows within the server's time + 100 ms (medians of 20 navigations).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import type { Db } from '../../lib/db/client';
import { percentile } from './measure';
import type { Check } from './report';

export const ROWS_AFTER_SERVER_MS = 100;
const NAVIGATIONS = 20;
const WARM_UP = 3;

export interface RowsPage {
  name: string;
  path: string;
  /** What "its rows" are on this page: the first element matching it, visible, under <main>. */
  rows: string;
}

export interface RowsResult {
  name: string;
  path: string;
  /** Navigation start → last byte of the page (Navigation Timing responseEnd): the server's time. */
  server: { p50: number; p95: number };
  /** Navigation start → the frame after the first row is in place and visible. */
  rows: { p50: number; p95: number };
  checks: Check[];
}

/** Every list and detail page, the overview and a search, on ids of the database measured. */
export async function rowsPages(db: Db): Promise<RowsPage[]> {
  const [ids] = await db.$queryRaw<{ payment: string; refund: string; request: string }[]>`
    SELECT r.payment_id AS payment, r.refund_request_id AS refund, p.payment_request_id AS request
      FROM refunds r JOIN payments p USING (payment_id) ORDER BY r.created_at DESC LIMIT 1`;
  if (!ids) throw new Error('No refund to open: is the database seeded?');
  const table = 'table tbody tr';
  return [
    { name: 'overview', path: '/', rows: '[aria-labelledby="totals-heading"] dl > div' },
    { name: 'transactions', path: '/transactions', rows: table },
    { name: 'search by paymentRequestId', path: `/transactions?q=${encodeURIComponent(ids.request)}`, rows: table },
    {
      name: 'transaction detail',
      path: `/transactions/${encodeURIComponent(ids.payment)}`,
      rows: '[aria-labelledby="refunds-heading"] li',
    },
    { name: 'refunds', path: '/refunds', rows: table },
    {
      name: 'refund detail',
      path: `/refunds/${encodeURIComponent(ids.refund)}`,
      rows: '[aria-labelledby="timeline-heading"] li',
    },
    { name: 'audit log', path: '/audit', rows: table },
    { name: 'reconciliation', path: '/reconciliation', rows: '[aria-labelledby="counts-heading"] :is(tbody tr, p)' },
    { name: 'users', path: '/users', rows: '#all-users ~ ul > li' },
    { name: 'payment methods', path: '/payment-methods', rows: table },
  ];
}

// Runs in the page from its first byte on: the first visible match of the selector, and the frame after
// it. A string, not a function: tsx's transform would add helpers to a function that the page lacks.
const observe = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const observer = new MutationObserver(() => {
    if (window.rowsAt !== undefined) return;
    const el = document.querySelector(selector);
    if (el && el.checkVisibility()) {
      window.rowsAt = -1;
      requestAnimationFrame(() => (window.rowsAt = performance.now()));
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/** Resolves once the page has loaded and the browser finds an idle moment (at most 2 s). A string, as `observe`. */
const settled = `new Promise((resolve) => {
  const idle = () => requestIdleCallback(() => resolve(), { timeout: 2000 });
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
})`;

function cookiesFor(baseUrl: string, cookieHeader: string) {
  const url = new URL(baseUrl);
  return cookieHeader.split('; ').map((pair) => {
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: url.hostname, path: '/' };
  });
}

async function launch(): Promise<Browser> {
  const debian = '/usr/bin/chromium';
  return chromium.launch({
    executablePath: existsSync(debian) ? debian : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/** Each page: a few warm-up visits, then NAVIGATIONS fresh loads, each timed by the browser itself. */
export async function measureTimeToRows(baseUrl: string, cookie: string, pages: RowsPage[]): Promise<RowsResult[]> {
  const browser = await launch();
  const results: RowsResult[] = [];
  try {
    for (const page of pages) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookiesFor(baseUrl, cookie));
      await context.addInitScript({ content: observe(`main ${page.rows}`) });
      const tab = await context.newPage();
      const server: number[] = [];
      const rows: number[] = [];
      for (let i = 0; i < WARM_UP + NAVIGATIONS; i++) {
        const response = await tab.goto(baseUrl + page.path, { waitUntil: 'commit' });
        if (response?.status() !== 200) throw new Error(`${page.path} answered ${response?.status()}`);
        const timing = await tab
          .waitForFunction(
            () => {
              const w = window as unknown as { rowsAt?: number };
              const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
              return w.rowsAt !== undefined && w.rowsAt > 0 && nav && nav.responseEnd > 0
                ? { rowsAt: w.rowsAt, responseEnd: nav.responseEnd }
                : null;
            },
            null,
            { timeout: 15_000, polling: 50 },
          )
          .then((h) => h.jsonValue())
          .catch(() => {
            throw new Error(`${page.name}: no visible "main ${page.rows}" within 15 s`);
          });
        // The next navigation starts from this page at rest, as a person's next click does: loaded,
        // hydrated and idle. Without this, the page's own hydration (tens of ms of script) was still
        // running when the next navigation began, and was counted in that navigation's time.
        await tab.evaluate(settled);
        if (i < WARM_UP) continue;
        server.push(timing!.responseEnd);
        rows.push(timing!.rowsAt);
      }
      await context.close();
      server.sort((a, b) => a - b);
      rows.sort((a, b) => a - b);
      const result: RowsResult = {
        name: page.name,
        path: page.path,
        server: { p50: percentile(server, 50), p95: percentile(server, 95) },
        rows: { p50: percentile(rows, 50), p95: percentile(rows, 95) },
        checks: [],
      };
      result.checks.push({
        what: `rows ≤ server + ${ROWS_AFTER_SERVER_MS} ms (median)`,
        pass: result.rows.p50 <= result.server.p50 + ROWS_AFTER_SERVER_MS,
      });
      console.log(
        `  ${page.name}: rows p50 ${result.rows.p50.toFixed(0)} ms, p95 ${result.rows.p95.toFixed(0)} ms; server p50 ${result.server.p50.toFixed(0)} ms, p95 ${result.server.p95.toFixed(0)} ms`,
      );
      results.push(result);
    }
  } finally {
    await browser.close();
  }
  return results;
}

export function printTimeToRows(results: RowsResult[]): void {
  console.log(
    `\nTime to rows in Chromium (${NAVIGATIONS} navigations each, ms from navigation start; server = last byte):`,
  );
  const header = ['page', 'server p50', 'server p95', 'rows p50', 'rows p95', 'rows − server', 'budget'];
  const lines = results.map((r) => [
    r.name,
    r.server.p50.toFixed(0),
    r.server.p95.toFixed(0),
    r.rows.p50.toFixed(0),
    r.rows.p95.toFixed(0),
    (r.rows.p50 - r.server.p50).toFixed(0),
    r.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.what}`).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const show = (cells: string[]) =>
    console.log(cells.map((c, i) => (i > 0 && i < 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
  show(header);
  for (const line of lines) show(line);
}
