// The sandbox writes Antom's reconciliation files from its ledger, for one day (UTC), in Antom's
// documented layout (header of parameter names, one row per transaction, `<END>`, amounts in the
// currency's major unit):
//   https://docs.antom.com/ac/reconcile/transaction_details
//   https://docs.antom.com/ac/reconcile/settlement_details
// Differences can be planted, as a real merchant meets them:
//   drop-refund      a refund the sandbox made is left out (the dashboard holds it; Antom's report does not)
//   change-amount    a refund is reported one minor unit larger than it was made
//   external-refund  a refund nobody made through the dashboard (Antom Dashboard, another tool)
//   cut              the file stops before `<END>` (an interrupted download)
// Each plant picks its refund deterministically (ordered by refundRequestId), never the same one twice.
import { currencyExponent, toMajorString } from '../lib/money';
import { END_MARKER, SETTLEMENT_COLUMNS, TRANSACTION_COLUMNS, type ReportKind } from '../lib/reports/format';
import type { SandboxPayment, SandboxRefund } from './ledger';

export const PLANTS = ['drop-refund', 'change-amount', 'external-refund', 'cut'] as const;
export type Plant = (typeof PLANTS)[number];

export interface ReportInput {
  date: string;
  kind: ReportKind;
  plants?: readonly Plant[];
  payments: Iterable<SandboxPayment>;
  refunds: Iterable<SandboxRefund>;
  customerId?: string;
}

export interface WrittenReport {
  fileName: string;
  text: string;
  /** What was planted, for a test to expect: the refund or transaction each plant touched. */
  planted: { plant: Plant; refundRequestId?: string; transactionId?: string; paymentId?: string }[];
}

type Row = Record<string, string>;

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const onDay = (iso: string, date: string) => new Date(iso).toISOString().slice(0, 10) === date;
const major = (value: number, currency: string) => toMajorString({ value, currency });
/** A fee of 0.6%, in whole minor units (sandbox's own rate). */
const fee = (value: number) => Math.round(value * 0.006);

export function writeReport(input: ReportInput): WrittenReport {
  const { date, kind } = input;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`--date must be YYYY-MM-DD, not ${date}`);
  const plants = new Set(input.plants ?? []);
  const customerId = input.customerId ?? 'SANDBOX_MERCHANT';
  // Iterables (the ledger's map values) are read once, here.
  const everyPayment = [...input.payments];
  const everyRefund = [...input.refunds];
  const payments = everyPayment.filter((p) => onDay(p.createdAt, date));
  const allPayments = new Map(everyPayment.map((p) => [p.paymentId, p]));
  // Antom's report lists a refund once it is final, on the day it was made.
  const refunds = everyRefund
    .filter(
      (r) => r.accepted && r.refundId && (r.status === 'SUCCESS' || r.status === 'FAILED') && onDay(r.createdAt, date),
    )
    .sort((a, b) => a.refundRequestId.localeCompare(b.refundRequestId));
  const planted: WrittenReport['planted'] = [];
  const base = (t: {
    transactionId: string;
    originalTransactionId?: string;
    transactionRequestId: string;
    originalTransactionRequestId?: string;
    type: string;
    status: string;
    method: string;
    value: number;
    currency: string;
    time: string;
  }): Row => ({
    customerId,
    acquirer: 'Antom',
    transactionId: t.transactionId,
    originalTransactionId: t.originalTransactionId ?? '',
    transactionRequestId: t.transactionRequestId,
    originalTransactionRequestId: t.originalTransactionRequestId ?? '',
    transactionType: t.type,
    transactionStatus: t.status,
    paymentMethodType: t.method,
    transactionAmountValue: major(t.value, t.currency),
    transactionCurrency: t.currency,
    transactionTime: t.time,
    ...(kind === 'SETTLEMENT'
      ? {
          settlementBatchId: `SB${date.replaceAll('-', '')}`,
          settlementAmountValue: major(t.type === 'PAYMENT' ? t.value - fee(t.value) : -t.value, t.currency),
          settlementCurrency: t.currency,
          feeAmountValue: major(t.type === 'PAYMENT' ? -fee(t.value) : 0, t.currency),
          feeCurrency: t.currency,
          settlementTime: `${date}T23:00:00Z`,
        }
      : {}),
  });

  const rows: Row[] = [];
  for (const p of payments.sort((a, b) => a.paymentId.localeCompare(b.paymentId))) {
    if (p.status !== 'SUCCESS' && kind === 'SETTLEMENT') continue;
    rows.push(
      base({
        transactionId: p.paymentId,
        transactionRequestId: p.paymentRequestId,
        type: 'PAYMENT',
        status: p.status,
        method: p.method,
        value: p.amountValue,
        currency: p.currency,
        time: p.paidAt ?? p.createdAt,
      }),
    );
  }
  const successes = refunds.filter((r) => r.status === 'SUCCESS');
  const dropped = plants.has('drop-refund') ? successes[0] : undefined;
  const changed = plants.has('change-amount') ? successes.find((r) => r !== dropped) : undefined;
  if (dropped) planted.push({ plant: 'drop-refund', refundRequestId: dropped.refundRequestId });
  for (const r of refunds) {
    if (r === dropped || (kind === 'SETTLEMENT' && r.status !== 'SUCCESS')) continue;
    const payment = allPayments.get(r.paymentId);
    const value = r === changed ? r.amountValue + 1 : r.amountValue;
    if (r === changed)
      planted.push({ plant: 'change-amount', refundRequestId: r.refundRequestId, transactionId: r.refundId! });
    rows.push(
      base({
        transactionId: r.refundId!,
        originalTransactionId: r.paymentId,
        transactionRequestId: r.refundRequestId,
        originalTransactionRequestId: payment?.paymentRequestId,
        type: 'REFUND',
        status: r.status === 'FAILED' ? 'FAIL' : 'SUCCESS',
        method: payment?.method ?? '',
        value,
        currency: r.currency,
        time: r.finishedAt ?? r.createdAt,
      }),
    );
  }
  if (plants.has('external-refund')) {
    // A refund of a successful payment that still has money to give back, made outside the dashboard.
    const held = (p: SandboxPayment) =>
      everyRefund
        .filter((r) => r.accepted && r.paymentId === p.paymentId && r.status !== 'FAILED')
        .reduce((n, r) => n + r.amountValue, 0);
    const candidates = [...allPayments.values()]
      .filter((p) => p.status === 'SUCCESS' && p.amountValue - held(p) > 0 && onDay(p.createdAt, date))
      .sort((a, b) => a.paymentId.localeCompare(b.paymentId));
    const p = candidates[0];
    if (p) {
      const room = p.amountValue - held(p);
      const value = Math.max(1, Math.min(room, 10 ** currencyExponent(p.currency)));
      const transactionId = `EXT${date.replaceAll('-', '')}${p.paymentId.slice(-8)}`;
      planted.push({ plant: 'external-refund', transactionId, paymentId: p.paymentId });
      rows.push(
        base({
          transactionId,
          originalTransactionId: p.paymentId,
          transactionRequestId: `MANUAL_${transactionId}`,
          originalTransactionRequestId: p.paymentRequestId,
          type: 'REFUND',
          status: 'SUCCESS',
          method: p.method,
          value,
          currency: p.currency,
          time: `${date}T12:00:00Z`,
        }),
      );
    }
  }

  const columns = kind === 'SETTLEMENT' ? SETTLEMENT_COLUMNS : TRANSACTION_COLUMNS;
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? '')).join(','))];
  if (plants.has('cut')) planted.push({ plant: 'cut' });
  else lines.push(END_MARKER);
  const stamp = date.replaceAll('-', '');
  const fileName = `${kind === 'SETTLEMENT' ? 'settlementDetails' : 'transactionDetails'}_${customerId}_${stamp}.csv`;
  return { fileName, text: lines.join('\n') + '\n', planted };
}

export function parsePlants(text: string | null | undefined): Plant[] {
  if (!text) return [];
  const out: Plant[] = [];
  for (const p of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(PLANTS as readonly string[]).includes(p))
      throw new RangeError(`Unknown plant ${p}: use ${PLANTS.join(', ')}`);
    out.push(p as Plant);
  }
  return out;
}
