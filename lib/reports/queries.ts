// The reconciliation's read side and the one thing a person changes there (marking a difference
// explained). Each function authorizes its actor.
import { writeAudit } from '../audit/log';
import { authorize, type Actor } from '../auth/roles';
import { Prisma, type Db } from '../db/client';
import { queryRows } from '../db/sql';
import { UserFacingError } from '../errors';
import { csvLine, neutraliseFormula } from '../format/csv';
import { toMajorString } from '../money';
import { checkRange, type DifferenceKind } from './reconcile';
import { DIFFERENCE_WORDS } from './words';

export interface DifferenceRow {
  id: string;
  kind: DifferenceKind;
  day: string;
  paymentId: string | null;
  refundRequestId: string | null;
  transactionId: string | null;
  currency: string;
  oursValue: number | null;
  antomValue: number | null;
  oursStatus: string | null;
  antomStatus: string | null;
  touchesMoney: boolean;
  flagged: boolean;
  detail: string;
  explainedAt: Date | null;
  explanation: string | null;
  explainedBy: string | null;
}

export interface CountRow {
  kind: DifferenceKind | 'MATCHED';
  currency: string;
  open: number;
  explained: number;
}

export interface Reconciliation {
  from: string;
  to: string;
  counts: CountRow[];
  rows: DifferenceRow[];
  more: boolean;
  reports: ReportSummary[];
}

export interface ReportSummary {
  id: string;
  kind: 'TRANSACTIONS' | 'SETTLEMENT';
  fileName: string;
  reportDate: string;
  rowCount: number;
  unknownTypeCount: number;
  typeCounts: Record<string, number>;
  changes: { added: number; removed: number; changed: number } | null;
  superseded: boolean;
  importedAt: Date;
}

export type DifferenceFilter = 'open' | 'explained' | 'all';

interface Raw {
  id: string;
  kind: DifferenceKind;
  day: string;
  payment_id: string | null;
  refund_request_id: string | null;
  transaction_id: string | null;
  currency: string;
  ours_value: number | null;
  antom_value: number | null;
  ours_status: string | null;
  antom_status: string | null;
  touches_money: boolean;
  flagged: boolean;
  detail: string;
  explained_at: Date | null;
  explanation: string | null;
  explained_by: string | null;
}

function differences(from: string, to: string, filter: DifferenceFilter, limit: number | null): Prisma.Sql {
  const which =
    filter === 'open'
      ? Prisma.sql`AND d.explained_at IS NULL`
      : filter === 'explained'
        ? Prisma.sql`AND d.explained_at IS NOT NULL`
        : Prisma.empty;
  return Prisma.sql`
    SELECT d.id, d.kind::text AS kind, to_char(d.day, 'YYYY-MM-DD') AS day, d.payment_id, d.refund_request_id, d.transaction_id,
           d.currency, d.ours_value, d.antom_value, d.ours_status, d.antom_status, d.touches_money, d.flagged, d.detail,
           d.explained_at, d.explanation, u.name AS explained_by
      FROM reconciliation_differences d LEFT JOIN users u ON u.id = d.explained_by_id
     WHERE d.day BETWEEN ${from}::date AND ${to}::date AND d.resolved_at IS NULL ${which}
     ORDER BY d.touches_money DESC, d.day DESC, d.kind, d.ref
     ${limit === null ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
}

const toRow = (r: Raw): DifferenceRow => ({
  id: r.id,
  kind: r.kind,
  day: r.day,
  paymentId: r.payment_id,
  refundRequestId: r.refund_request_id,
  transactionId: r.transaction_id,
  currency: r.currency,
  oursValue: r.ours_value,
  antomValue: r.antom_value,
  oursStatus: r.ours_status,
  antomStatus: r.antom_status,
  touchesMoney: r.touches_money,
  flagged: r.flagged,
  detail: r.detail,
  explainedAt: r.explained_at,
  explanation: r.explanation,
  explainedBy: r.explained_by,
});

/** Counts per kind and currency (MATCHED: Antom's rows that agree), the differences, and the range's reports. */
export async function getReconciliation(
  db: Db,
  viewer: Actor,
  range: { from: string; to: string; filter?: DifferenceFilter; limit?: number },
): Promise<Reconciliation> {
  authorize(viewer, 'read');
  checkRange(range);
  const limit = range.limit ?? 500;
  const [counts, matched, rows, reports] = await Promise.all([
    queryRows<{ kind: DifferenceKind; currency: string; open: string; explained: string }>(
      db,
      Prisma.sql`SELECT kind::text AS kind, currency, count(*) FILTER (WHERE explained_at IS NULL) AS open,
                        count(*) FILTER (WHERE explained_at IS NOT NULL) AS explained
                   FROM reconciliation_differences
                  WHERE day BETWEEN ${range.from}::date AND ${range.to}::date AND resolved_at IS NULL
                  GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    queryRows<{ currency: string; n: string }>(
      db,
      Prisma.sql`SELECT x.currency, count(*) AS n FROM antom_report_rows x
                  WHERE x.kind = 'TRANSACTIONS' AND x.report_date BETWEEN ${range.from}::date AND ${range.to}::date
                    AND x.transaction_type IN ('PAYMENT', 'REFUND', 'CANCEL')
                    AND NOT EXISTS (SELECT 1 FROM reconciliation_differences d
                                     WHERE d.transaction_id = x.transaction_id AND d.resolved_at IS NULL)
                  GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<Raw>(db, differences(range.from, range.to, range.filter ?? 'open', limit + 1)),
    listReports(db, viewer, range),
  ]);
  return {
    from: range.from,
    to: range.to,
    counts: [
      ...matched.map((m) => ({ kind: 'MATCHED' as const, currency: m.currency, open: Number(m.n), explained: 0 })),
      ...counts.map((c) => ({
        kind: c.kind,
        currency: c.currency,
        open: Number(c.open),
        explained: Number(c.explained),
      })),
    ],
    rows: rows.slice(0, limit).map(toRow),
    more: rows.length > limit,
    reports,
  };
}

export async function listReports(
  db: Db,
  viewer: Actor,
  range: { from: string; to: string },
): Promise<ReportSummary[]> {
  authorize(viewer, 'read');
  const rows = await queryRows<{
    id: string;
    kind: 'TRANSACTIONS' | 'SETTLEMENT';
    file_name: string;
    report_date: string;
    row_count: number;
    unknown_type_count: number;
    type_counts: Record<string, number>;
    changes: { added: number; removed: number; changed: number } | null;
    superseded_at: Date | null;
    imported_at: Date;
  }>(
    db,
    Prisma.sql`SELECT id, kind::text AS kind, file_name, to_char(report_date, 'YYYY-MM-DD') AS report_date, row_count,
                      unknown_type_count, type_counts, changes, superseded_at, imported_at
                 FROM antom_reports WHERE report_date BETWEEN ${range.from}::date AND ${range.to}::date
                ORDER BY imported_at DESC LIMIT 50`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    reportDate: r.report_date,
    rowCount: r.row_count,
    unknownTypeCount: r.unknown_type_count,
    typeCounts: r.type_counts,
    changes: r.changes ? { added: r.changes.added, removed: r.changes.removed, changed: r.changes.changed } : null,
    superseded: r.superseded_at !== null,
    importedAt: r.imported_at,
  }));
}

export async function getDifference(db: Db, viewer: Actor, id: string): Promise<DifferenceRow | null> {
  authorize(viewer, 'read');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await queryRows<Raw>(
    db,
    Prisma.sql`SELECT d.id, d.kind::text AS kind, to_char(d.day, 'YYYY-MM-DD') AS day, d.payment_id, d.refund_request_id,
                      d.transaction_id, d.currency, d.ours_value, d.antom_value, d.ours_status, d.antom_status, d.touches_money,
                      d.flagged, d.detail, d.explained_at, d.explanation, u.name AS explained_by
                 FROM reconciliation_differences d LEFT JOIN users u ON u.id = d.explained_by_id WHERE d.id = ${id}::uuid`,
  );
  return row ? toRow(row) : null;
}

export class ExplainRefused extends UserFacingError {
  override name = 'ExplainRefused';
}

/** A person says why a difference is fine. It leaves the open list; the note and who wrote it are audited. */
export async function explainDifference(db: Db, actor: Actor, input: { id: string; note: string }): Promise<void> {
  authorize(actor, 'explainDifferences');
  const note = input.note.trim();
  if (note.length < 3) throw new ExplainRefused('Write a note that says why this difference is explained.');
  if (note.length > 1000) throw new ExplainRefused('The note is longer than 1000 characters.');
  await db.$transaction(async (tx) => {
    const updated = await tx.reconciliationDifference.updateMany({
      where: { id: input.id, explainedAt: null },
      data: { explainedAt: new Date(), explainedById: actor.id, explanation: note },
    });
    if (updated.count === 0) throw new ExplainRefused('This difference is already explained, or does not exist.');
    const d = await tx.reconciliationDifference.findUniqueOrThrow({ where: { id: input.id } });
    await writeAudit(tx, {
      actorType: 'USER',
      actorId: actor.id,
      action: 'reconciliation.explained',
      refundRequestId: d.refundRequestId,
      paymentId: d.paymentId,
      details: { differenceId: d.id, kind: d.kind, transactionId: d.transactionId, note },
    });
  });
}

const major = (value: number | null, currency: string) => (value === null ? '' : toMajorString({ value, currency }));

/** The range's differences (open and explained) as CSV, amounts in major units. */
export async function differencesCsv(db: Db, viewer: Actor, range: { from: string; to: string }): Promise<string> {
  authorize(viewer, 'read');
  checkRange(range);
  const rows = (await queryRows<Raw>(db, differences(range.from, range.to, 'all', null))).map(toRow);
  const header = [
    'day',
    'difference',
    'touches money',
    'flagged',
    'paymentId',
    'refundRequestId',
    'Antom transactionId',
    'currency',
    'ours',
    'Antom',
    'our status',
    "Antom's status",
    'what it means',
    'what to do',
    'explained at',
    'explained by',
    'explanation',
  ];
  const lines = rows.map((r) =>
    csvLine([
      r.day,
      DIFFERENCE_WORDS[r.kind].label,
      r.touchesMoney ? 'yes' : 'no',
      r.flagged ? 'yes' : 'not yet',
      neutraliseFormula(r.paymentId),
      neutraliseFormula(r.refundRequestId),
      neutraliseFormula(r.transactionId),
      r.currency,
      major(r.oursValue, r.currency),
      major(r.antomValue, r.currency),
      r.oursStatus ?? '',
      neutraliseFormula(r.antomStatus),
      neutraliseFormula(r.detail),
      DIFFERENCE_WORDS[r.kind].todo,
      r.explainedAt ? r.explainedAt.toISOString() : '',
      neutraliseFormula(r.explainedBy),
      neutraliseFormula(r.explanation),
    ]),
  );
  return csvLine(header) + lines.join('');
}

export interface RefundSettlement {
  batchId: string | null;
  reportDate: string;
  /** Antom's signs: a refund's net is money out (negative). Minor units of their currencies. */
  feeValue: number | null;
  feeCurrency: string | null;
  netValue: number | null;
  settlementCurrency: string | null;
}

/** What Antom's settlement details report says about one refund, or null when no imported one lists it. */
export async function getRefundSettlement(
  db: Db,
  viewer: Actor,
  refundRequestId: string,
): Promise<RefundSettlement | null> {
  authorize(viewer, 'read');
  const [row] = await queryRows<{
    settlement_batch_id: string | null;
    report_date: string;
    fee_amount_value: number | null;
    fee_currency: string | null;
    settlement_amount_value: number | null;
    settlement_currency: string | null;
  }>(
    db,
    Prisma.sql`SELECT settlement_batch_id, to_char(report_date, 'YYYY-MM-DD') AS report_date, fee_amount_value, fee_currency,
                      settlement_amount_value, settlement_currency
                 FROM antom_report_rows
                WHERE transaction_request_id = ${refundRequestId} AND kind = 'SETTLEMENT' AND transaction_type = 'REFUND'
                LIMIT 1`,
  );
  return row
    ? {
        batchId: row.settlement_batch_id,
        reportDate: row.report_date,
        feeValue: row.fee_amount_value,
        feeCurrency: row.fee_currency,
        netValue: row.settlement_amount_value,
        settlementCurrency: row.settlement_currency,
      }
    : null;
}

/** Open differences that touch money, and the days they span (for the overview's "Needs attention"). */
export async function countOpenMoneyDifferences(
  db: Db,
  viewer: Actor,
): Promise<{ count: number; from: string | null; to: string | null }> {
  authorize(viewer, 'read');
  const [row] = await queryRows<{ n: number; from: string | null; to: string | null }>(
    db,
    Prisma.sql`SELECT count(*)::int AS n, to_char(min(day), 'YYYY-MM-DD') AS from, to_char(max(day), 'YYYY-MM-DD') AS to
                 FROM reconciliation_differences
                WHERE touches_money AND resolved_at IS NULL AND explained_at IS NULL`,
  );
  return { count: row?.n ?? 0, from: row?.from ?? null, to: row?.to ?? null };
}
