// Antom's reconciliation files, as its documentation lays them out:
//   transaction details report  https://docs.antom.com/ac/reconcile/transaction_details
//   settlement details report   https://docs.antom.com/ac/reconcile/settlement_details
//   reports FAQ / reconcile     https://docs.antom.com/ac/reconcile/perform
// A CSV file: the first row names the parameters, one row per transaction, and the last line is the
// end-of-file marker `<END>`. Amounts are in the currency's MAJOR unit (unlike the APIs' minor units).
// transactionId is Antom's paymentId (PAYMENT, CANCEL), refundId (REFUND), ...; transactionRequestId is
// the merchant's paymentRequestId or refundRequestId; originalTransactionId / originalTransactionRequestId
// name the payment a reverse transaction belongs to.
import { z } from 'zod';
import { currencyExponent, MAX_MINOR_VALUE } from '../money';

export type ReportKind = 'TRANSACTIONS' | 'SETTLEMENT';

export const END_MARKER = '<END>';

/** The columns the sandbox writes, in Antom's documented order (a real file may carry more; extra ones are ignored). */
export const TRANSACTION_COLUMNS = [
  'customerId',
  'acquirer',
  'transactionId',
  'originalTransactionId',
  'transactionRequestId',
  'originalTransactionRequestId',
  'transactionType',
  'transactionStatus',
  'paymentMethodType',
  'transactionAmountValue',
  'transactionCurrency',
  'transactionTime',
] as const;

export const SETTLEMENT_COLUMNS = [
  'settlementBatchId',
  'customerId',
  'acquirer',
  'transactionId',
  'originalTransactionId',
  'transactionRequestId',
  'originalTransactionRequestId',
  'transactionType',
  'paymentMethodType',
  'transactionAmountValue',
  'transactionCurrency',
  'settlementAmountValue',
  'settlementCurrency',
  'feeAmountValue',
  'feeCurrency',
  'transactionTime',
  'settlementTime',
] as const;

const REQUIRED_COMMON = [
  'transactionId',
  'transactionType',
  'transactionAmountValue',
  'transactionCurrency',
  'transactionTime',
] as const;
const REQUIRED_SETTLEMENT = ['settlementBatchId', 'settlementAmountValue', 'settlementCurrency'] as const;

/** The transaction types the dashboard acts on; any other (DISPUTE, CAPTURE, fees, ...) is kept and counted. */
export const KNOWN_TYPES = ['PAYMENT', 'REFUND', 'CANCEL'] as const;

export class ReportRefused extends Error {
  override name = 'ReportRefused';
  constructor(
    message: string,
    /** The file's line where it stopped (1 = the header). */
    readonly line: number | null = null,
  ) {
    super(line === null ? message : `Line ${line}: ${message}`);
  }
}

/** The kind of report, recognised from its header row; the index of each column we read. */
export function recogniseHeader(header: string[]): { kind: ReportKind; columns: Map<string, number> } {
  const columns = new Map<string, number>();
  header.forEach((name, i) => columns.set(name.trim().replace(/^\uFEFF/, ''), i));
  const missing = REQUIRED_COMMON.filter((c) => !columns.has(c));
  if (missing.length) {
    throw new ReportRefused(
      `This is not an Antom transaction or settlement details report: the header lacks ${missing.join(', ')}.`,
      1,
    );
  }
  const kind: ReportKind = columns.has('settlementBatchId') ? 'SETTLEMENT' : 'TRANSACTIONS';
  if (kind === 'SETTLEMENT') {
    const lacking = REQUIRED_SETTLEMENT.filter((c) => !columns.has(c));
    if (lacking.length) throw new ReportRefused(`The settlement report's header lacks ${lacking.join(', ')}.`, 1);
  }
  return { kind, columns };
}

/**
 * A major-unit amount as a report writes it ("12.50", "-3.000", "1500") to signed minor units, exactly
 * (no floating point), by the currency's ISO 4217 exponent. More decimals than the currency has are
 * refused, not rounded: "10.5" JPY, "1.2345" KWD.
 */
export function reportAmountToMinor(text: string, currency: string): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not an amount`);
  const [, sign, whole = '', fraction = ''] = match;
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) {
    throw new Error(
      exponent === 0
        ? `${text} ${currency}: ${currency} has no decimal places`
        : `${text} ${currency}: ${currency} has ${exponent} decimal places, not ${fraction.length}`,
    );
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR_VALUE) throw new Error(`${text} ${currency} is too large`);
  return sign === '-' && minor !== 0 ? -minor : minor;
}

// zod checks each row's shape (lengths, the amount and currency patterns, a parseable time); plain code
// then converts it. Transforms inside the schema cost four times as much per row (measured: 8 µs against
// 2 µs), and a report has a million rows.
const id64 = z.string().max(64);
const amountText = z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'not an amount like 12.50');
const optionalAmount = z.string().regex(/^\s*(-?\d+(\.\d+)?)?\s*$/, 'not an amount like 12.50');
const currencyCode = z.string().regex(/^\s*[A-Za-z]{3}\s*$/, 'not an ISO 4217 currency code');
const optionalCurrency = z.string().regex(/^\s*([A-Za-z]{3})?\s*$/, 'not an ISO 4217 currency code');
const timeText = z.string().max(64);

const rowSchema = z.object({
  transactionId: z.string().trim().min(1).max(64),
  transactionType: z.string().trim().min(1).max(32),
  transactionStatus: z.string().max(32),
  transactionRequestId: id64,
  originalTransactionId: id64,
  originalTransactionRequestId: id64,
  paymentMethodType: id64,
  transactionAmountValue: amountText,
  transactionCurrency: currencyCode,
  transactionTime: timeText,
  settlementBatchId: id64,
  settlementAmountValue: optionalAmount,
  settlementCurrency: optionalCurrency,
  feeAmountValue: optionalAmount,
  feeCurrency: optionalCurrency,
  settlementTime: timeText,
});

export interface ReportRow {
  transactionId: string;
  transactionType: string;
  transactionStatus: string;
  transactionRequestId: string | null;
  originalTransactionId: string | null;
  originalTransactionRequestId: string | null;
  paymentMethodType: string | null;
  /** The size of the movement in minor units (reverse transactions may be written negative). */
  amountValue: number;
  currency: string;
  transactionTime: string | null;
  settlementBatchId: string | null;
  settlementAmountValue: number | null;
  settlementCurrency: string | null;
  feeAmountValue: number | null;
  feeCurrency: string | null;
  settlementTime: string | null;
}

/**
 * A report's time: ISO 8601 as Antom writes it ("2026-11-30T10:00:00+08:00"), a date alone, or with a
 * space for the T. Also checked in SQL (stage.ts), so written in what both regex dialects read alike.
 */
export const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)? ?(Z|[+-]\d{2}(:?\d{2})?)?$/;

const orNull = (s: string) => s.trim() || null;
function time(s: string, field: string, line: number): string | null {
  const t = s.trim();
  if (!t) return null;
  if (!TIME_PATTERN.test(t) || Number.isNaN(Date.parse(t)))
    throw new ReportRefused(`${field}: "${t}" is not a date and time`, line);
  return t;
}

/** One data record of the file, by the header's columns, validated; throws ReportRefused with its line. */
export function readRow(record: string[], columns: Map<string, number>, line: number, kind: ReportKind): ReportRow {
  const at = (name: string) => {
    const i = columns.get(name);
    return i === undefined ? '' : (record[i] ?? '');
  };
  const parsed = rowSchema.safeParse({
    transactionId: at('transactionId'),
    transactionType: at('transactionType'),
    transactionStatus: at('transactionStatus'),
    transactionRequestId: at('transactionRequestId'),
    originalTransactionId: at('originalTransactionId'),
    originalTransactionRequestId: at('originalTransactionRequestId'),
    paymentMethodType: at('paymentMethodType'),
    transactionAmountValue: at('transactionAmountValue'),
    transactionCurrency: at('transactionCurrency'),
    transactionTime: at('transactionTime'),
    settlementBatchId: at('settlementBatchId'),
    settlementAmountValue: at('settlementAmountValue'),
    settlementCurrency: at('settlementCurrency'),
    feeAmountValue: at('feeAmountValue'),
    feeCurrency: at('feeCurrency'),
    settlementTime: at('settlementTime'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportRefused(`${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`, line);
  }
  const r = parsed.data;
  if (kind === 'SETTLEMENT' && !r.settlementBatchId.trim()) throw new ReportRefused('settlementBatchId is empty', line);
  const currency = r.transactionCurrency.trim().toUpperCase();
  const settlementCurrency = r.settlementCurrency.trim().toUpperCase() || null;
  const feeCurrency = r.feeCurrency.trim().toUpperCase() || settlementCurrency;
  const minor = (text: string, cur: string | null, field: string): number | null => {
    if (!text.trim()) return null;
    if (!cur) throw new ReportRefused(`${field}: an amount without its currency`, line);
    try {
      return reportAmountToMinor(text, cur);
    } catch (error) {
      throw new ReportRefused(`${field}: ${(error as Error).message}`, line);
    }
  };
  return {
    transactionId: r.transactionId,
    transactionType: r.transactionType.toUpperCase(),
    transactionStatus: r.transactionStatus.trim().toUpperCase() || 'SUCCESS',
    transactionRequestId: orNull(r.transactionRequestId),
    originalTransactionId: orNull(r.originalTransactionId),
    originalTransactionRequestId: orNull(r.originalTransactionRequestId),
    paymentMethodType: orNull(r.paymentMethodType),
    amountValue: Math.abs(minor(r.transactionAmountValue, currency, 'transactionAmountValue')!),
    currency,
    transactionTime: time(r.transactionTime, 'transactionTime', line),
    settlementBatchId: orNull(r.settlementBatchId),
    settlementAmountValue: minor(r.settlementAmountValue, settlementCurrency, 'settlementAmountValue'),
    settlementCurrency,
    feeAmountValue: minor(r.feeAmountValue, feeCurrency, 'feeAmountValue'),
    feeCurrency: r.feeAmountValue.trim() ? feeCurrency : null,
    settlementTime: time(r.settlementTime, 'settlementTime', line),
  };
}

/** The day a row belongs to, as Antom wrote it (the date part of its time, in the time zone written). */
export function rowDay(row: ReportRow, kind: ReportKind): string | null {
  const t = kind === 'SETTLEMENT' ? (row.settlementTime ?? row.transactionTime) : row.transactionTime;
  return t && /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : null;
}
