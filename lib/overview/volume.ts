// The refund volume the overview reads: sums per local day, status and currency, kept by triggers on
// `refunds` as appended rows of changes (migration 20261203040600_refund_volume says why appended).
// Reading sums a day's rows; when a period's rows have piled up (every refund appends one or two a
// change), they are folded into one per group after the answer, off the page's path.
import 'server-only';
import { prisma } from '../db';
import { Prisma } from '../generated/prisma/client';
import type { RefundStatus } from '../refunds/states';

/** A row of the overview's summary: one of (day, status) or (status, currency); the other key is null. */
export interface VolumeSummaryRow {
  day: string | null;
  status: RefundStatus;
  currency: string | null;
  count: bigint;
  amount: bigint;
  /** On (day, status) rows: the amount in the chosen currency (null when none is chosen). */
  chosenAmount: bigint | null;
  rows: bigint;
}

/**
 * What the overview shows of the local days `first`..`last`, summed by the database in one pass of the
 * index: per (day, status) the count over all currencies and the amount in `currency` (the chart), and
 * per (status, currency) the period's totals (the cards). About a fifth of the rows of the full
 * (day, status, currency) sums at 90 days, and a third of the time (measured at a million payments).
 */
export function refundVolumeSummarySql(first: string, last: string, currency: string | null): Prisma.Sql {
  return Prisma.sql`
    SELECT day::text AS day, status::text AS status, currency,
           sum(count) AS count, sum(amount) AS amount,
           sum(amount) FILTER (WHERE currency = ${currency}) AS "chosenAmount", count(*) AS rows
      FROM refund_volume_changes
     WHERE day BETWEEN ${first}::date AND ${last}::date
     GROUP BY GROUPING SETS ((day, status), (status, currency))
    HAVING sum(count) <> 0 OR sum(amount) <> 0`;
}

// Once per process and zone: the stored sums are in MERCHANT_TIME_ZONE's local days.
const built = new Map<string, Promise<void>>();

/** Counts every refund in `timeZone` if the stored sums are in another zone (or none yet). */
function ensureBuiltIn(timeZone: string): Promise<void> {
  let done = built.get(timeZone);
  if (!done) {
    done = (async () => {
      const [row] = await prisma.$queryRaw<{ time_zone: string | null }[]>`
        SELECT time_zone FROM refund_volume_zone WHERE id = 1`;
      if (row?.time_zone === timeZone) return;
      await prisma.$queryRaw`SELECT refund_volume_rebuild(${timeZone})`;
    })();
    done.catch(() => built.delete(timeZone));
    built.set(timeZone, done);
  }
  return done;
}

// Folding is worth it when a period's rows are several times its groups; one fold at a time per process.
const FOLD_WHEN_ROWS_PER_GROUP = 3;
let folding: Promise<unknown> | null = null;

function foldLater(first: string, last: string) {
  if (folding) return;
  folding = prisma.$queryRaw`SELECT refund_volume_compact(${first}::date, ${last}::date)`
    .catch((error: unknown) => console.error('Folding the refund volume failed (the sums stay right):', error))
    .finally(() => (folding = null));
}

/** The overview's summary of the local days `first`..`last` in `timeZone` (refundVolumeSummarySql). */
export async function readRefundVolumeSummary(
  timeZone: string,
  first: string,
  last: string,
  currency: string | null,
): Promise<VolumeSummaryRow[]> {
  await ensureBuiltIn(timeZone);
  const rows = await prisma.$queryRaw<VolumeSummaryRow[]>(refundVolumeSummarySql(first, last, currency));
  // The (status, currency) rows together hold every stored row once; the groups are at most
  // (day, status) pairs × currencies, so this folds somewhat later than it could, never sooner.
  const byCurrency = rows.filter((r) => r.currency !== null);
  const stored = byCurrency.reduce((n, r) => n + Number(r.rows), 0);
  const pairs = rows.length - byCurrency.length;
  const currencies = new Set(byCurrency.map((r) => r.currency)).size;
  if (stored > FOLD_WHEN_ROWS_PER_GROUP * Math.max(pairs * currencies, 10)) foldLater(first, last);
  return rows;
}
