// Antom's reports against the dashboard's books (issue 13). Real PostgreSQL; the reports are written
// by the sandbox's own writer (sandbox/reports.ts) from a ledger that mirrors what the dashboard holds,
// with differences planted. Each test has its own day far in the past, so files running in parallel on
// the one test database never see each other's rows.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Forbidden, type Actor } from '../../../lib/auth/roles';
import type { Db } from '../../../lib/db/client';
import { getPaymentDetail } from '../../../lib/payments/queries';
import { refundCsvStream } from '../../../lib/refunds/read/csv-export';
import { refundability } from '../../../lib/refunds/refundability';
import {
  explainDifference,
  getReconciliation,
  getRefundSettlement,
  importReport,
  reconcile,
  reconcileRange,
  reconcileRecent,
  RECONCILED_AGAIN_DAYS,
  ReportRefused,
  type DifferenceKind,
} from '../../../lib/reports';
import { PART_BYTES } from '../../../lib/reports/stage';
import { RECONCILE_CRON, RECONCILE_QUEUE, startReconcileSchedule } from '../../../lib/reports/worker';
import { addDays } from '../../../lib/format/time-zone';
import type { SandboxPayment, SandboxRefund } from '../../../sandbox/ledger';
import { writeReport, type Plant } from '../../../sandbox/reports';
import { testPrisma } from '../../setup/database';

let db: Db;
let admin: Actor;
let viewer: Actor;
beforeAll(async () => {
  db = testPrisma();
  const make = async (role: 'ADMIN' | 'VIEWER') => {
    const u = await db.user.create({
      data: {
        email: `reports_${randomBytes(5).toString('hex')}@test.local`,
        name: `Reports ${role}`,
        role,
        passwordHash: 'x',
      },
      select: { id: true },
    });
    return { id: u.id, role };
  };
  admin = await make('ADMIN');
  viewer = await make('VIEWER');
});
afterAll(async () => {
  await db.$disconnect();
});

// The run's first day, at random in 1970-1989 (leaving room for the days after it); each test takes the next.
const FIRST_DAY = Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 7000) * 86_400_000;
let dayCounter = 0;
/**
 * A day of its own: 1970-1989, a different one per test (consecutive from a random first day: one
 * random day per test met another test's now and then, ~3% of runs). Not later: other files own their
 * years (the overview test lives in mid-2003, the reconciliation browser test in 1995-2000).
 */
function uniqueDay(): string {
  return new Date(FIRST_DAY + dayCounter++ * 86_400_000).toISOString().slice(0, 10);
}

interface World {
  day: string;
  tag: string;
  payments: SandboxPayment[];
  /** As Antom's ledger has them. */
  antomRefunds: SandboxRefund[];
}

/**
 * The dashboard and the sandbox hold the same payments and refunds on `day`, except where a test
 * says otherwise: P4's refund is FAILED here and made at Antom; P5's is PROCESSING here and made at
 * Antom; P6 is a payment only Antom knows; P7 is PROCESSING here and successful at Antom.
 */
async function world(currency = 'USD'): Promise<World> {
  const day = uniqueDay();
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const at = (h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00Z`);
  const payments: SandboxPayment[] = [1, 2, 3, 4, 5, 6, 7].map((i) => ({
    paymentId: `PAY${tag}${i}`,
    paymentRequestId: `ORD_${tag}_${i}`,
    channel: 'ONLINE',
    amountValue: 10_000,
    currency,
    method: 'ALIPAY_CN',
    status: 'SUCCESS',
    createdAt: at(8 + i).toISOString(),
    paidAt: at(8 + i).toISOString(),
  }));
  const refund = (i: number, amountValue: number, status: SandboxRefund['status']): SandboxRefund => ({
    refundRequestId: `REF_${tag}_${i}`,
    refundId: `RID${tag}${i}`,
    paymentId: `PAY${tag}${i}`,
    channel: 'ONLINE',
    amountValue,
    currency,
    requestedValue: amountValue,
    status,
    resultCode: 'SUCCESS',
    accepted: true,
    applied: 1,
    received: 1,
    notifyUrl: null,
    createdAt: at(16 + i).toISOString(),
    finishedAt: at(16 + i).toISOString(),
  });
  const antomRefunds = [
    refund(1, 1_000, 'SUCCESS'),
    refund(2, 2_000, 'SUCCESS'),
    refund(3, 500, 'SUCCESS'),
    refund(4, 700, 'SUCCESS'),
    refund(5, 300, 'SUCCESS'),
  ];
  const ours = payments.filter((p) => !p.paymentId.endsWith('6'));
  await db.payment.createMany({
    data: ours.map((p) => ({
      paymentId: p.paymentId,
      paymentRequestId: p.paymentRequestId,
      channel: 'ONLINE' as const,
      amountValue: p.amountValue,
      currency: p.currency,
      method: p.method,
      status: p.paymentId.endsWith('7') ? ('PROCESSING' as const) : ('SUCCESS' as const),
      createdAt: new Date(p.createdAt),
      paidAt: new Date(p.createdAt),
    })),
  });
  const ourStatus = (i: number) => (i === 4 ? 'FAILED' : i === 5 ? 'PROCESSING' : 'SUCCESS');
  await db.refund.createMany({
    data: antomRefunds.map((r, n) => ({
      refundRequestId: r.refundRequestId,
      refundId: r.refundId,
      paymentId: r.paymentId,
      amountValue: r.amountValue,
      currency: r.currency,
      status: ourStatus(n + 1),
      idempotencyKey: `k_${r.refundRequestId}`,
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.createdAt),
    })),
  });
  return { day, tag, payments, antomRefunds };
}

function report(w: World, plants: Plant[], kind: 'TRANSACTIONS' | 'SETTLEMENT' = 'TRANSACTIONS') {
  return writeReport({ date: w.day, kind, plants, payments: w.payments, refunds: w.antomRefunds });
}

const run = (text: string, fileName: string, actor: Actor | null = admin) =>
  importReport(db, actor, Readable.from([Buffer.from(text)]), { fileName });

function countsByKind(counts: { kind: string; open: number; explained: number }[]) {
  const out: Record<string, number> = {};
  for (const c of counts) out[c.kind] = (out[c.kind] ?? 0) + c.open + c.explained;
  return out;
}

async function footprint(w: World) {
  const [rows, refunds, differences, reports, audit] = await Promise.all([
    db.antomReportRow.count({ where: { reportDate: new Date(w.day) } }),
    db.refund.findMany({ where: { paymentId: { startsWith: `PAY${w.tag}` } }, orderBy: { refundRequestId: 'asc' } }),
    db.reconciliationDifference.findMany({ where: { day: new Date(w.day) }, orderBy: { id: 'asc' } }),
    db.antomReport.count({ where: { reportDate: new Date(w.day) } }),
    db.auditLog.count({ where: { paymentId: { startsWith: `PAY${w.tag}` } } }),
  ]);
  return {
    rows,
    refunds: refunds.map((r) => ({ ...r, updatedAt: null })),
    differences: differences.map((d) => ({ ...d, lastSeenAt: null })),
    reports,
    audit,
  };
}

describe('a transaction report with every planted difference', () => {
  it('reconciles to exactly those differences, counted per kind and currency', async () => {
    const w = await world();
    const written = report(w, ['drop-refund', 'change-amount', 'external-refund']);
    expect(written.planted.map((p) => p.plant)).toEqual(['drop-refund', 'change-amount', 'external-refund']);
    const result = await run(written.text, written.fileName);
    expect(result).toMatchObject({ status: 'IMPORTED', kind: 'TRANSACTIONS', reportDate: w.day, unknownTypes: 0 });
    // P6 only Antom knew: imported. The external refund: recorded.
    expect(result.applied).toEqual({
      paymentsImported: 1,
      paymentConflicts: 0,
      externalRecorded: 1,
      externalRefused: 0,
    });
    expect(await db.payment.findUnique({ where: { paymentId: `PAY${w.tag}6` } })).toMatchObject({
      amountValue: 10_000,
      status: 'SUCCESS',
    });

    const rec = await getReconciliation(db, viewer, { from: w.day, to: w.day, filter: 'all' });
    const kinds = countsByKind(rec.counts.filter((c) => c.kind !== 'MATCHED'));
    expect(kinds).toEqual({
      MISSING_AT_ANTOM: 1, // REF_1 dropped from Antom's report
      AMOUNT_DIFFERS: 1, // REF_2 reported one cent larger
      EXTERNAL_REFUND: 1, // the planted one, recorded and counted
      STATUS_DIFFERS: 2, // REF_4 FAILED here / refunded at Antom; REF_5 PROCESSING here / final at Antom
      PAYMENT_STATUS_DIFFERS: 1, // P7 PROCESSING here / SUCCESS at Antom
    } satisfies Partial<Record<DifferenceKind, number>>);
    expect(rec.counts.every((c) => c.currency === 'USD')).toBe(true);
    // Matched: payments 1-6 and REF_3 (REF_2, REF_4, REF_5, P7 and the external one differ).
    expect(rec.counts.find((c) => c.kind === 'MATCHED')?.open).toBe(7);

    const by = (kind: DifferenceKind) => rec.rows.filter((r) => r.kind === kind);
    expect(by('MISSING_AT_ANTOM')[0]).toMatchObject({
      refundRequestId: `REF_${w.tag}_1`,
      flagged: true,
      touchesMoney: false,
    });
    expect(by('AMOUNT_DIFFERS')[0]).toMatchObject({
      refundRequestId: `REF_${w.tag}_2`,
      oursValue: 2_000,
      antomValue: 2_001,
      touchesMoney: true,
    });
    const status = by('STATUS_DIFFERS').sort((a, b) => a.refundRequestId!.localeCompare(b.refundRequestId!));
    expect(status.map((s) => [s.refundRequestId, s.oursStatus, s.antomStatus, s.touchesMoney])).toEqual([
      [`REF_${w.tag}_4`, 'FAILED', 'SUCCESS', true],
      [`REF_${w.tag}_5`, 'PROCESSING', 'SUCCESS', false],
    ]);
    expect(by('PAYMENT_STATUS_DIFFERS')[0]).toMatchObject({
      paymentId: `PAY${w.tag}7`,
      oursStatus: 'PROCESSING',
      antomStatus: 'SUCCESS',
    });

    // Money-touching differences: on the refund's attention list and in the audit log.
    const flagged = await db.refund.findMany({
      where: { paymentId: { startsWith: `PAY${w.tag}` }, attentionReason: { not: null } },
      select: { refundRequestId: true },
      orderBy: { refundRequestId: 'asc' },
    });
    expect(flagged.map((r) => r.refundRequestId)).toEqual([`REF_${w.tag}_2`, `REF_${w.tag}_4`]);
    expect(
      await db.auditLog.count({
        where: { action: 'reconciliation.difference', paymentId: { startsWith: `PAY${w.tag}` } },
      }),
    ).toBe(2);
  });

  it('records a refund made outside as an external refund that the payment page no longer offers', async () => {
    const w = await world();
    const written = report(w, ['external-refund']);
    const target = written.planted[0]!.paymentId!;
    const before = await getPaymentDetail(viewer, target);
    await run(written.text, written.fileName);
    const after = await getPaymentDetail(viewer, target);
    const external = after!.refunds.find((r) => r.refundId === written.planted[0]!.transactionId);
    expect(external).toMatchObject({ status: 'SUCCESS', amountValue: 100, source: 'EXTERNAL' });
    expect(external!.sourceNote).toContain(written.fileName);
    const offered = (p: NonNullable<typeof before>) =>
      refundability(
        { ...p, refundHeldValue: p.refundHeldValue },
        p.refunds.map((r) => r.status as 'SUCCESS'),
      ).refundable;
    expect(offered(before!) - offered(after!)).toBe(100);
    // The database holds it like any refund: refunding more than is left is refused by its CHECK.
    await expect(
      db.refund.create({
        data: {
          refundRequestId: `OVER_${w.tag}`,
          paymentId: target,
          amountValue: offered(after!) + 1,
          currency: 'USD',
          status: 'CREATED',
          idempotencyKey: `over_${w.tag}`,
        },
      }),
    ).rejects.toThrow(/refund_held_value/);
  });
});

describe('payments a report brings', () => {
  it('are imported when we hold neither id, never over a payment whose ids they contradict', async () => {
    const w = await world();
    // Antom pairs ORD_..._1 with another paymentId than the one we hold: a contradiction, not a new payment.
    const impostor: SandboxPayment = { ...w.payments[0]!, paymentId: `OTHER${w.tag}`, amountValue: 99 };
    const extra = [2, 3, 4].map((i) => ({
      ...w.payments[0]!,
      paymentId: `NEW${w.tag}${i}`,
      paymentRequestId: `NEW_${w.tag}_${i}`,
    }));
    const written = writeReport({
      date: w.day,
      kind: 'TRANSACTIONS',
      payments: [...w.payments, impostor, ...extra],
      refunds: w.antomRefunds,
    });
    const result = await run(written.text, written.fileName);
    expect(result.applied.paymentsImported).toBe(4); // P6 and the three new ones
    expect(
      await db.payment.count({ where: { paymentId: { in: [`OTHER${w.tag}`, ...extra.map((p) => p.paymentId)] } } }),
    ).toBe(3);
    expect(await db.payment.findUnique({ where: { paymentId: `PAY${w.tag}1` } })).toMatchObject({
      amountValue: 10_000,
    });
    const rec = await getReconciliation(db, viewer, { from: w.day, to: w.day });
    expect(rec.rows.find((r) => r.transactionId === `OTHER${w.tag}`)).toMatchObject({
      kind: 'PAYMENT_STATUS_DIFFERS',
      paymentId: null,
    });
    expect(
      await db.auditLog.findFirst({
        where: { action: 'payments.imported_from_report', details: { path: ['fileName'], equals: written.fileName } },
        orderBy: { at: 'desc' },
      }),
    ).toMatchObject({ details: expect.objectContaining({ count: 4, reportDate: w.day }) });
  });
});

describe('the sandbox writer', () => {
  it("reads the ledger's iterables (its maps' values) once, and plants from them", async () => {
    const w = await world();
    const fromArrays = report(w, ['drop-refund', 'change-amount', 'external-refund']);
    const fromLedger = writeReport({
      date: w.day,
      kind: 'TRANSACTIONS',
      plants: ['drop-refund', 'change-amount', 'external-refund'],
      payments: new Map(w.payments.map((p) => [p.paymentId, p])).values(),
      refunds: new Map(w.antomRefunds.map((r) => [r.refundRequestId, r])).values(),
    });
    expect(fromLedger).toEqual(fromArrays);
    expect(fromLedger.planted).toHaveLength(3);
  });

  it('writes the settlement report with batch, fee, net and settlement currency', async () => {
    const w = await world();
    const written = report(w, [], 'SETTLEMENT');
    const result = await run(written.text, written.fileName);
    expect(result.kind).toBe('SETTLEMENT');
    const row = await db.antomReportRow.findFirst({
      where: { kind: 'SETTLEMENT', transactionId: `RID${w.tag}3`, transactionType: 'REFUND' },
    });
    expect(row).toMatchObject({
      settlementBatchId: `SB${w.day.replaceAll('-', '')}`,
      amountValue: 500,
      settlementAmountValue: -500,
      settlementCurrency: 'USD',
      feeAmountValue: 0,
    });
    const payment = await db.antomReportRow.findFirst({
      where: { kind: 'SETTLEMENT', transactionId: `PAY${w.tag}1`, transactionType: 'PAYMENT' },
    });
    expect(payment).toMatchObject({ amountValue: 10_000, feeAmountValue: -60, settlementAmountValue: 9_940 });

    // The refund page's settlement facts, and the refunds CSV's settlement columns.
    expect(await getRefundSettlement(db, viewer, `REF_${w.tag}_3`)).toEqual({
      batchId: `SB${w.day.replaceAll('-', '')}`,
      reportDate: w.day,
      feeValue: 0,
      feeCurrency: 'USD',
      netValue: -500,
      settlementCurrency: 'USD',
    });
    expect(await getRefundSettlement(db, viewer, `REF_${w.tag}_9`)).toBeNull();
    const reader = (
      await refundCsvStream(
        viewer,
        { from: new Date(`${w.day}T00:00:00Z`), to: new Date(`${w.day}T23:59:59Z`) },
        { timeZone: 'UTC', asOf: new Date() },
      )
    ).getReader();
    let csv = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      csv += new TextDecoder().decode(chunk.value);
    const header = csv.split('\n')[0]!;
    expect(header.endsWith('settlement_batch,settlement_fee,settlement_net,settlement_currency')).toBe(true);
    const line = csv.split('\n').find((l) => l.includes(`REF_${w.tag}_3`));
    expect(line?.endsWith(`,SB${w.day.replaceAll('-', '')},0.00,-5.00,USD`)).toBe(true);
  });
});

describe('importing again', () => {
  it('the same file twice changes nothing', async () => {
    const w = await world();
    const written = report(w, ['drop-refund', 'change-amount', 'external-refund']);
    await run(written.text, written.fileName);
    const first = await footprint(w);
    const again = await run(written.text, `copy-of-${written.fileName}`);
    expect(again.status).toBe('UNCHANGED');
    expect(again.applied).toEqual({
      paymentsImported: 0,
      paymentConflicts: 0,
      externalRecorded: 0,
      externalRefused: 0,
    });
    expect(again.reconciliation.added).toBe(0);
    expect(await footprint(w)).toEqual(first);
  });

  it('a corrected report for the same day supersedes the earlier one and says what changed', async () => {
    const w = await world();
    const first = report(w, ['change-amount']);
    const a = await run(first.text, first.fileName);
    const corrected = report(w, []);
    const b = await run(corrected.text, `corrected-${corrected.fileName}`);
    expect(b.status).toBe('IMPORTED');
    expect(b.superseded?.reportId).toBe(a.reportId);
    expect(b.superseded?.changes).toMatchObject({ added: 0, removed: 0, changed: 1 });
    expect(b.superseded?.changes.examples[0]).toMatchObject({
      transactionId: `RID${w.tag}1`,
      transactionType: 'REFUND',
    });
    expect(b.superseded?.changes.examples[0]?.change).toContain('1001 USD SUCCESS → 1000 USD SUCCESS');
    expect(await db.antomReport.findUnique({ where: { id: a.reportId } })).toMatchObject({
      supersededAt: expect.any(Date),
    });
    // The amount difference is gone from the open list; the rows are the corrected file's.
    const rec = await getReconciliation(db, viewer, { from: w.day, to: w.day });
    expect(rec.rows.filter((r) => r.kind === 'AMOUNT_DIFFERS')).toEqual([]);
    expect(await db.antomReportRow.count({ where: { reportId: a.reportId } })).toBe(0);
    expect(await db.antomReportRow.count({ where: { reportId: b.reportId } })).toBe(b.rows);
  });
});

describe('a file that is not whole', () => {
  it('a file cut before <END> is refused whole, with the line where it stopped', async () => {
    const w = await world();
    const written = report(w, ['cut']);
    const lines = written.text.trimEnd().split('\n').length;
    const error = await run(written.text, written.fileName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportRefused);
    expect((error as ReportRefused).line).toBe(lines + 1);
    expect((error as Error).message).toMatch(/without <END>/);
    expect(await db.antomReport.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    expect(await db.payment.count({ where: { paymentId: `PAY${w.tag}6` } })).toBe(0);
  });

  it('a row with more decimals than its currency has refuses the file, naming the line', async () => {
    const w = await world('JPY');
    const written = report(w, []);
    const broken = written.text.replace(/,10000,JPY,/, ',10000.5,JPY,');
    expect(broken).not.toBe(written.text);
    const error = await run(broken, 'broken.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportRefused);
    expect((error as Error).message).toMatch(/^Line 2: .*JPY has no decimal places/);
    expect(await db.antomReport.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
  });

  it('unknown transaction types are kept and counted, not dropped', async () => {
    const w = await world();
    const written = report(w, []);
    const dispute = `SANDBOX_MERCHANT,Antom,DSP${w.tag},PAY${w.tag}1,,,DISPUTE,SUCCESS,ALIPAY_CN,5.00,USD,${w.day}T20:00:00Z`;
    const text = written.text.replace('<END>', `${dispute}\n<END>`);
    const result = await run(text, written.fileName);
    expect(result.unknownTypes).toBe(1);
    expect(result.typeCounts).toMatchObject({ DISPUTE: 1, PAYMENT: 7, REFUND: 5 });
    expect(await db.antomReportRow.findFirst({ where: { transactionId: `DSP${w.tag}` } })).toMatchObject({
      transactionType: 'DISPUTE',
      amountValue: 500,
    });
  });

  it('a transaction listed twice refuses the file, whether or not an earlier file covers the day', async () => {
    const w = await world();
    const written = report(w, []);
    const lines = written.text.split('\n');
    const twice = [...lines.slice(0, 2), lines[1]!, ...lines.slice(2)].join('\n');
    await expect(run(twice, 'twice.csv')).rejects.toThrow(/appears twice/);
    expect(await db.antomReport.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    await run(written.text, written.fileName);
    await expect(run(twice, 'twice.csv')).rejects.toThrow(/appears twice/);
    expect(await db.antomReport.count({ where: { reportDate: new Date(w.day) } })).toBe(1);
  });

  it("a day's first file may list a transaction an earlier day's file listed: it moves to this day", async () => {
    const w = await world();
    const written = report(w, []);
    await run(written.text, written.fileName);
    const later = uniqueDay();
    // Other bytes (an amount changed), for another day: written by the upsert, not COPY (which cannot update).
    const moved = written.text.replace(/,100\.00,USD,/, ',99.00,USD,');
    expect(moved).not.toBe(written.text);
    const result = await importReport(db, admin, Readable.from([Buffer.from(moved)]), {
      fileName: 'later.csv',
      reportDate: later,
    });
    expect(result.typeCounts).toEqual({ PAYMENT: 7, REFUND: 5 });
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(later) } })).toBe(12);
  });

  it('a time PostgreSQL cannot place refuses the file with its line, writes nothing and leaves no staging table', async () => {
    const w = await world();
    const written = report(w, []);
    const rows = written.text.split('\n');
    const impossible = `${w.day.slice(0, 5)}13-45T`;
    // In the first row (which names the day) and in a later one (found while the rows are written).
    for (const line of [2, 3]) {
      const broken = rows.map((r, i) => (i === line - 1 ? r.replace(`${w.day}T`, impossible) : r)).join('\n');
      expect(broken).not.toBe(written.text);
      const error = await run(broken, 'broken-time.csv').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportRefused);
      expect((error as Error).message).toMatch(
        new RegExp(`^Line ${line}: transactionTime: ".*13-45T.*" is not a date and time`),
      );
    }
    expect(await db.antomReport.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    const staging = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'report\\_raw\\_%'`;
    expect(Number(staging[0]!.n)).toBe(0);
  });

  it('a transaction listed twice further apart than one write batch (5,000 rows) refuses the file too', async () => {
    const w = await world();
    const written = report(w, []);
    const lines = written.text.split('\n');
    const filler = Array.from(
      { length: 5_500 },
      (_, i) =>
        `SANDBOX_MERCHANT,Antom,DSP${w.tag}_${i},PAY${w.tag}1,,,DISPUTE,SUCCESS,ALIPAY_CN,5.00,USD,${w.day}T20:00:00Z`,
    );
    const apart = [...lines.slice(0, 2), ...filler, lines[1]!, ...lines.slice(2)].join('\n');
    await expect(run(apart, 'apart.csv')).rejects.toThrow(/appears twice/);
    expect(await db.antomReport.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    expect(await db.antomReportRow.count({ where: { transactionId: { startsWith: `DSP${w.tag}_` } } })).toBe(0);
  });

  it('a file larger than a part is staged in parts on two connections and converted on two: every row once, each refusal at its line', async () => {
    // Rows enough for three parts (stage.ts PART_BYTES), with payments we do not hold at both ends (each
    // converting connection finds those in its share), and a blank line in the first part: lines after
    // it are still named by their line in the file.
    const fileOf = (w: World, middle: (filler: string[]) => string[] = () => [], quote = false) => {
      const lines = report(w, []).text.split('\n');
      const dispute = (i: number) =>
        `SANDBOX_MERCHANT,Antom,DSP${w.tag}_${i},PAY${w.tag}1,,,DISPUTE,SUCCESS,ALIPAY_CN,5.00,USD,${w.day}T20:00:00Z`;
      const filler = Array.from({ length: Math.ceil((2.2 * PART_BYTES) / dispute(0).length) }, (_, i) => dispute(i));
      const unheld = (i: number) =>
        `SANDBOX_MERCHANT,Antom,NEW${w.tag}${i},,NEW_${w.tag}_${i},,PAYMENT,SUCCESS,${quote ? '"ALIPAY_CN"' : 'ALIPAY_CN'},12.00,USD,${w.day}T09:00:00Z`;
      return [lines[0]!, unheld(1), '', ...filler, ...middle(filler), unheld(2), ...lines.slice(1)];
    };
    // As a file or an upload is read: 64 KB at a time.
    const inChunks = function* (text: string) {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
    };
    const run = (rows: string[], fileName: string) =>
      importReport(db, admin, Readable.from(inChunks(rows.join('\n'))), { fileName });
    const refusal = async (rows: string[]): Promise<Error> => {
      try {
        await run(rows, 'broken.csv');
      } catch (error) {
        return error as Error;
      }
      throw new Error('A broken file was imported.');
    };

    // In the last part: a time PostgreSQL cannot place (found while converting), and a row COPY cannot
    // read (while staging); and the same transaction in the first part and the last.
    const w = await world();
    const late = (filler: string[]) => [filler.at(-2)!.replace(`${w.day}T`, `${w.day.slice(0, 5)}13-45T`)];
    const badTime = fileOf(w, late);
    const error = await refusal(badTime);
    expect(error).toBeInstanceOf(ReportRefused);
    const lineOf = (rows: string[], text: string) => rows.findIndex((row) => row.includes(text)) + 1;
    expect(error.message).toMatch(new RegExp(`^Line ${lineOf(badTime, '13-45T')}: transactionTime:`));
    const extra = (filler: string[]) => [`${filler.at(-3)!},one too many`];
    const badCsv = fileOf(w, extra);
    expect((await refusal(badCsv)).message).toMatch(
      new RegExp(`^Line ${lineOf(badCsv, ',one too many')}: Not valid CSV`),
    );
    await expect(
      run(
        fileOf(w, (filler) => [filler[0]!]),
        'twice-apart.csv',
      ),
    ).rejects.toThrow(/appears twice/);
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(w.day) } })).toBe(0);

    const result = await run(fileOf(w), 'parts.csv');
    const disputes = result.typeCounts.DISPUTE!;
    expect(result.parallel).toEqual({ parts: 3, converters: 2 });
    expect(result.typeCounts).toEqual({ PAYMENT: 9, REFUND: 5, DISPUTE: disputes });
    expect(disputes).toBeGreaterThan((2 * PART_BYTES) / 100);
    expect(result.applied.paymentsImported).toBe(3); // P6 and the two at the ends
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(w.day) } })).toBe(disputes + 14);
    expect(await db.payment.count({ where: { paymentId: { in: [`NEW${w.tag}1`, `NEW${w.tag}2`] } } })).toBe(2);

    // A quote in the first rows (a quoted value may hold a line break): staged whole, as one part, and
    // still converted on two connections.
    const v = await world();
    const whole = await run(fileOf(v, undefined, true), 'quoted.csv');
    expect(whole.parallel).toEqual({ parts: 1, converters: 2 });
    expect(whole.typeCounts).toEqual(result.typeCounts);
  });

  it('an upload that breaks off in its third part throws, writes nothing and leaves no staging table', async () => {
    const w = await world();
    const lines = report(w, []).text.split('\n');
    const dispute = (i: number) =>
      `SANDBOX_MERCHANT,Antom,DSP${w.tag}_${i},PAY${w.tag}1,,,DISPUTE,SUCCESS,ALIPAY_CN,5.00,USD,${w.day}T20:00:00Z`;
    const rows = Buffer.from(
      [
        lines[0]!,
        ...Array.from({ length: Math.ceil((2.5 * PART_BYTES) / dispute(0).length) }, (_, i) => dispute(i)),
      ].join('\n') + '\n',
    );
    const staged = async () =>
      Number(
        (
          await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'report\\_raw\\_%'`
        )[0]!.n,
      );
    async function* upload() {
      for (let at = 0; at < rows.length; at += 65_536) yield rows.subarray(at, at + 65_536);
      // It breaks off once the first two parts are staged (committed), while the third is on its way.
      for (let tries = 0; (await staged()) < 2 && tries < 200; tries++) await new Promise((r) => setTimeout(r, 50));
      expect(await staged()).toBeGreaterThanOrEqual(2);
      throw new Error('The upload broke off.');
    }
    await expect(importReport(db, admin, Readable.from(upload()), { fileName: 'cut.csv' })).rejects.toThrow(
      'The upload broke off.',
    );
    expect(await db.antomReportRow.count({ where: { reportDate: new Date(w.day) } })).toBe(0);
    expect(await staged()).toBe(0);
    // The connections it used work: the whole file imports.
    const whole = report(w, []);
    expect((await run(whole.text, whole.fileName)).status).toBe('IMPORTED');
  });

  it('a viewer cannot import', async () => {
    const w = await world();
    const written = report(w, []);
    await expect(run(written.text, written.fileName, viewer)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe('major units by the currency exponent', () => {
  it.each([
    ['JPY', '1500', 1500],
    ['USD', '12.34', 1234],
    ['KWD', '1.234', 1234],
    ['BHD', '0.005', 5],
  ])('%s %s is %i minor units in the database', async (currency, text, minor) => {
    const w = await world(currency);
    const written = report(w, []);
    const header = written.text.split('\n')[0];
    const row = `SANDBOX_MERCHANT,Antom,AMT${w.tag},PAY${w.tag}1,,,DISPUTE,SUCCESS,,${text},${currency},${w.day}T20:00:00Z`;
    await run(`${header}\n${row}\n<END>\n`, `amounts-${currency}.csv`);
    expect((await db.antomReportRow.findFirst({ where: { transactionId: `AMT${w.tag}` } }))?.amountValue).toBe(minor);
  });
});

/**
 * A world whose report, imported on T+1 at 01:00, lacks REF_1 (a refund of ours): `missing()` reads that
 * difference.
 */
async function importedOnT1WithoutRef1() {
  const w = await world();
  const written = report(w, ['drop-refund']);
  const t1 = new Date(Date.parse(`${w.day}T00:00:00Z`) + 86_400_000 + 3_600_000); // T+1, 01:00
  await importReport(db, admin, Readable.from([Buffer.from(written.text)]), { fileName: written.fileName, now: t1 });
  const missing = () =>
    db.reconciliationDifference.findUnique({
      where: { kind_ref: { kind: 'MISSING_AT_ANTOM', ref: `REF_${w.tag}_1` } },
    });
  return { w, t1, missing };
}

describe('reconciling again', () => {
  it('flags a refund missing at Antom only from T+2, and resolves what our books caught up with', async () => {
    const { w, missing } = await importedOnT1WithoutRef1();
    expect(await missing()).toMatchObject({ flagged: false, resolvedAt: null });
    await reconcile(db, { from: w.day, to: w.day, now: new Date(Date.parse(`${w.day}T00:00:00Z`) + 2 * 86_400_000) });
    expect(await missing()).toMatchObject({ flagged: true, resolvedAt: null });

    // REF_5 is PROCESSING here and final at Antom; once our engine hears of it, the difference goes.
    await db.refund.update({ where: { refundRequestId: `REF_${w.tag}_5` }, data: { status: 'SUCCESS' } });
    await expect(reconcileRange(db, viewer, { from: w.day, to: w.day })).rejects.toBeInstanceOf(Forbidden);
    const again = await reconcileRange(db, admin, { from: w.day, to: w.day });
    expect(again.resolved).toBe(1);
    const status = await db.reconciliationDifference.findUnique({
      where: { kind_ref: { kind: 'STATUS_DIFFERS', ref: `RID${w.tag}5` } },
    });
    expect(status?.resolvedAt).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { action: 'reconciliation.run', actorId: admin.id } })).toBeGreaterThan(0);
  });
});

describe('reconciling again every hour', () => {
  it('the scheduled run covers the days since T+2 began and flags what Antom lacks, with no one asking', async () => {
    const { w, t1, missing } = await importedOnT1WithoutRef1();
    expect(await missing()).toMatchObject({ flagged: false });
    const t2 = new Date(t1.getTime() + 86_400_000); // T+2, 01:00: the hour's run
    const ran = await reconcileRecent(db, t2);
    expect(ran).toMatchObject({ from: addDays(w.day, 2 - RECONCILED_AGAIN_DAYS), to: addDays(w.day, 2) });
    expect(await missing()).toMatchObject({ flagged: true, resolvedAt: null });
  });

  it('the worker registers the hourly schedule (idempotent when several workers start)', async () => {
    const url = process.env.DATABASE_URL!;
    const [a, b] = await Promise.all([
      startReconcileSchedule(db, { databaseUrl: url }),
      startReconcileSchedule(db, { databaseUrl: url }),
    ]);
    await Promise.all([a.stop(), b.stop()]);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const rows = await check.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [RECONCILE_QUEUE]);
      expect(rows.rows).toEqual([{ cron: RECONCILE_CRON, timezone: 'UTC' }]);
    } finally {
      await check.end();
    }
  });
});

describe('explaining a difference', () => {
  it('an admin marks one explained with a note (audited); it leaves the open list; a viewer may not', async () => {
    const w = await world();
    const written = report(w, ['drop-refund']);
    await run(written.text, written.fileName);
    const open = await getReconciliation(db, viewer, { from: w.day, to: w.day });
    const missing = open.rows.find((r) => r.kind === 'MISSING_AT_ANTOM')!;
    await expect(explainDifference(db, viewer, { id: missing.id, note: 'known' })).rejects.toBeInstanceOf(Forbidden);
    await explainDifference(db, admin, { id: missing.id, note: 'Refunded by bank transfer, ticket 42' });
    const after = await getReconciliation(db, viewer, { from: w.day, to: w.day });
    expect(after.rows.find((r) => r.id === missing.id)).toBeUndefined();
    const explained = await getReconciliation(db, viewer, { from: w.day, to: w.day, filter: 'explained' });
    expect(explained.rows.find((r) => r.id === missing.id)).toMatchObject({
      explanation: 'Refunded by bank transfer, ticket 42',
      explainedBy: 'Reports ADMIN',
    });
    expect(
      await db.auditLog.findFirst({
        where: { action: 'reconciliation.explained', actorId: admin.id, refundRequestId: missing.refundRequestId },
      }),
    ).toMatchObject({ details: expect.objectContaining({ note: 'Refunded by bank transfer, ticket 42' }) });
    // Reconciling again keeps it explained.
    await run(report(w, ['drop-refund', 'external-refund']).text, 'later.csv');
    const still = await getReconciliation(db, viewer, { from: w.day, to: w.day, filter: 'explained' });
    expect(still.rows.find((r) => r.id === missing.id)?.explanation).toBe('Refunded by bank transfer, ticket 42');
  });
});
