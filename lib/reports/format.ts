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
import { currencyExponent, isCurrencyCode, MAX_MINOR_VALUE } from '../money';

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

const optionalId = z
  .string()
  .max(64)
  .transform((s) => s.trim() || null);
const currency = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isCurrencyCode, 'not an ISO 4217 currency code');
const time = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => s === '' || !Number.isNaN(Date.parse(s)), 'not a date and time')
  .transform((s) => (s === '' ? null : s));

const rowSchema = z
  .object({
    transactionId: z.string().trim().min(1).max(64),
    transactionType: z.string().trim().min(1).max(32),
    transactionStatus: z
      .string()
      .trim()
      .max(32)
      .transform((s) => s.toUpperCase() || 'SUCCESS'),
    transactionRequestId: optionalId,
    originalTransactionId: optionalId,
    originalTransactionRequestId: optionalId,
    paymentMethodType: optionalId,
    transactionAmountValue: z.string(),
    transactionCurrency: currency,
    transactionTime: time,
    settlementBatchId: optionalId,
    settlementAmountValue: z.string(),
    settlementCurrency: z.string().trim().toUpperCase(),
    feeAmountValue: z.string(),
    feeCurrency: z.string().trim().toUpperCase(),
    settlementTime: time,
  })
  .transform((r, ctx) => {
    try {
      const amount = reportAmountToMinor(r.transactionAmountValue, r.transactionCurrency);
      const settlementCurrency = r.settlementCurrency || null;
      const feeCurrency = r.feeCurrency || settlementCurrency;
      return {
        transactionId: r.transactionId,
        transactionType: r.transactionType.toUpperCase(),
        transactionStatus: r.transactionStatus,
        transactionRequestId: r.transactionRequestId,
        originalTransactionId: r.originalTransactionId,
        originalTransactionRequestId: r.originalTransactionRequestId,
        paymentMethodType: r.paymentMethodType,
        // Reverse transactions may be written negative: the amount is the size of the movement.
        amountValue: Math.abs(amount),
        currency: r.transactionCurrency,
        transactionTime: r.transactionTime,
        settlementBatchId: r.settlementBatchId,
        settlementAmountValue:
          r.settlementAmountValue.trim() && settlementCurrency
            ? reportAmountToMinor(r.settlementAmountValue, settlementCurrency)
            : null,
        settlementCurrency,
        feeAmountValue:
          r.feeAmountValue.trim() && feeCurrency ? reportAmountToMinor(r.feeAmountValue, feeCurrency) : null,
        feeCurrency: r.feeAmountValue.trim() ? feeCurrency : null,
        settlementTime: r.settlementTime,
      };
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

export type ReportRow = z.output<typeof rowSchema>;

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
  if (kind === 'SETTLEMENT' && !parsed.data.settlementBatchId) {
    throw new ReportRefused('settlementBatchId is empty', line);
  }
  return parsed.data;
}

/** The day a row belongs to, as Antom wrote it (the date part of its time, in the time zone written). */
export function rowDay(row: ReportRow, kind: ReportKind): string | null {
  const t = kind === 'SETTLEMENT' ? (row.settlementTime ?? row.transactionTime) : row.transactionTime;
  return t && /^\d{4}-\d{2}-\d{2}/.test(t) ? t.slice(0, 10) : null;
}
