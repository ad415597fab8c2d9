// Money for people, around lib/money.ts: amounts stay integers of minor units with their currency
// until this point. Totals are kept per currency and never added across currencies.
import { currencyExponent, formatMoney, toMajorString, type Money } from '../money';

export { formatMoney, toMajorString, type Money } from '../money';

/** "US$1,234.50", "¥1,234", "KWD 1.250" */
export function formatAmount(value: number, currency: string): string {
  return formatMoney({ value, currency });
}

// Formatters are made once per currency and precision: making one costs ~100x using it.
const compactFormats = new Map<string, Intl.NumberFormat>();

/** Axis labels: "US$1.2K", "¥35M". Display only: the value is rounded to a whole minor unit first. */
export function formatCompactAmount(value: number, currency: string): string {
  const major = Number(toMajorString({ value: Math.round(value), currency }));
  const digits = major !== 0 && Math.abs(major) < 10 ? currencyExponent(currency) : 1;
  const key = `${currency}|${digits}`;
  let format = compactFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      notation: 'compact',
      minimumFractionDigits: 0,
      maximumFractionDigits: digits,
    });
    if (compactFormats.size >= 500) compactFormats.clear();
    compactFormats.set(key, format);
  }
  return format.format(major);
}

const countFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** Sums per currency, in a stable (alphabetical) order. */
export type CurrencyTotals = Money[];

export function addToTotals(totals: Map<string, number>, currency: string, value: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + value);
}

export function totalsList(totals: Map<string, number>): CurrencyTotals {
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, value]) => ({ currency, value }));
}

/** PostgreSQL's sum() of integers is a bigint; the driver hands it over as one. */
export function fromBigInt(value: bigint | number | null): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Amount ${value} is beyond exact integer range`);
  return n;
}
