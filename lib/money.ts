// Money is an integer of minor units with its ISO 4217 currency, everywhere. Turning it into what a
// person reads or types, and back, happens only here, by the currency's exponent (with
// lib/amount-text.ts, the part client code uses given amountFormat(currency)).
import { MAX_MINOR_VALUE, parseMajorText, parseTypedText, type AmountFormat, type ParseResult } from './amount-text';

/** ISO 4217 minor-unit exponents that differ from 2 (the default), for the currencies Antom settles. */
const EXPONENTS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  IDR: 2,
  CLP: 0,
  ISK: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  PYG: 0,
  KMF: 0,
  GNF: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  LYD: 3,
  IQD: 3,
};

export { MAX_MINOR_VALUE };

export interface Money {
  /** Integer number of the currency's minor units. */
  value: number;
  /** ISO 4217 alphabetic code, upper case. */
  currency: string;
}

export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}

export const DEFAULT_EXPONENT = 2;

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? DEFAULT_EXPONENT;
}

/** The currencies whose exponent is not DEFAULT_EXPONENT (for SQL that converts as toMajorString does). */
export function exponentExceptions(): [currency: string, exponent: number][] {
  return Object.entries(EXPONENTS);
}

export function money(value: number, currency: string): Money {
  if (!Number.isSafeInteger(value)) throw new RangeError(`Money value must be an integer of minor units, got ${value}`);
  if (!isCurrencyCode(currency)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
  return { value, currency };
}

/** "1234.5" for 123450 USD; "1234" for 1234 JPY. No grouping, for inputs and CSV. */
export function toMajorString({ value, currency }: Money): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(value);
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

// A bare "$" is a dozen currencies: a support person reading "$490.70" next to an SGD payment cannot
// tell. Dollar currencies always carry their own prefix, whatever the locale would print; any other
// currency the locale writes as a bare "$" (CLP in es-CL, ...) gets its ISO code. The locale still
// decides where the symbol goes, grouping and decimals. (Issue 15: US$, S$, HK$.)
const DOLLAR_SYMBOLS: Record<string, string> = {
  USD: 'US$',
  SGD: 'S$',
  HKD: 'HK$',
  AUD: 'A$',
  CAD: 'CA$',
  NZD: 'NZ$',
  TWD: 'NT$',
  MXN: 'MX$',
  BND: 'B$',
};

/** The symbol a person should read for `currency`, given the one the locale prints. */
function unambiguousSymbol(currency: string, printed: string): string {
  return DOLLAR_SYMBOLS[currency] ?? (printed === '$' ? currency : printed);
}

interface MoneyFormat {
  format(major: number): string;
}

const LETTER = /\p{L}/u;
const SPACE = /^\s+$/u;

/**
 * An Intl.NumberFormat whose currency symbol is replaced by the unambiguous one. As CLDR spaces them, a
 * symbol is set apart from the number by a space only where it meets the number with a letter:
 * "SGD 12.00" becomes "S$12.00", "$1.500" (es-CL) becomes "CLP 1.500".
 */
function withUnambiguousSymbol(format: Intl.NumberFormat, currency: string): MoneyFormat {
  const printed = format.formatToParts(1).find((p) => p.type === 'currency')?.value ?? currency;
  const wanted = unambiguousSymbol(currency, printed);
  if (printed === wanted) return format;
  return {
    format(major) {
      const parts = format.formatToParts(major).filter((p) => p.type !== 'literal' || !SPACE.test(p.value));
      const at = parts.findIndex((p) => p.type === 'currency');
      // Before the number when anything numeric follows it, after the number otherwise.
      const before = parts.slice(at + 1).some((p) => p.type === 'integer');
      const edge = before ? wanted.at(-1)! : wanted[0]!;
      const gap = LETTER.test(edge) ? '\u00a0' : '';
      return parts.map((p, i) => (i === at ? (before ? wanted + gap : gap + wanted) : p.value)).join('');
    },
  };
}

// Making an Intl.NumberFormat costs about a hundred times more than using one (measured: ~100 µs
// against ~1 µs), and a list page formats an amount per row: one formatter per locale and currency.
const moneyFormats = new Map<string, MoneyFormat>();

function moneyFormat(locale: string, currency: string): MoneyFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    const exponent = currencyExponent(currency);
    format = withUnambiguousSymbol(
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      }),
      currency,
    );
    // Currencies and locales are few; the bound only guards against a caller passing anything.
    if (moneyFormats.size >= 500) moneyFormats.clear();
    moneyFormats.set(key, format);
  }
  return format;
}

/** For people: "US$1,234.50", "S$12.00", "¥1,234", in the given locale. */
export function formatMoney(amount: Money, locale = 'en-US'): string {
  return moneyFormat(locale, amount.currency).format(Number(toMajorString(amount)));
}

export type { AmountFormat, ParseResult };

/**
 * What a person typed, in major units, to minor units, without floating point: "12.5" USD → 1250.
 * Refuses more decimals than the currency has ("10.5" JPY), signs, exponents and grouping.
 */
export function parseMajor(input: string, currency: string): ParseResult {
  return parseMajorText(input, currency, currencyExponent(currency));
}

/**
 * What a person typed into an amount field, accepting what the page itself prints: grouping commas
 * ("1,500"), the currency's symbol or code before or after ("¥1,500", "US$1,500.00", "1500 JPY").
 * Grouping must be in threes; a symbol of another currency is refused, not ignored. Then parseMajor.
 * The same function as a page's client code uses (lib/amount-text.ts), given amountFormat(currency).
 */
export function parseTypedAmount(input: string, currency: string): ParseResult {
  return parseTypedText(input, amountFormat(currency));
}

/**
 * How `currency`'s amounts are written, for client code that writes or reads them without this
 * module's tables and formatters (lib/amount-text.ts): exponent, what stands before and after the
 * digits (as formatMoney writes them, en-US), and the marks a typed amount may carry.
 */
export function amountFormat(currency: string): AmountFormat {
  const exponent = currencyExponent(currency);
  const zero = toMajorString({ value: 0, currency });
  const sample = formatMoney({ value: 0, currency });
  const at = sample.indexOf(zero);
  return {
    currency,
    exponent,
    prefix: sample.slice(0, at),
    suffix: sample.slice(at + zero.length),
    marks: currencyMarks(currency),
  };
}

/** The ways `currency` is written next to an amount (en-US): its code, its symbols, "US$"-style prefixes. */
function currencyMarks(currency: string): string[] {
  const marks = new Set([currency]);
  for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
    const part = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay })
      .formatToParts(1)
      .find((p) => p.type === 'currency')?.value;
    if (part) marks.add(part.toUpperCase());
  }
  for (const mark of [...marks])
    if (!/^[A-Z]+$/.test(mark)) marks.add(`${currency.slice(0, 2)}${mark}`).add(`${currency.slice(0, 1)}${mark}`);
  return [...marks];
}

/** The amount field's hint: how many decimals the currency takes, with an example as the page prints it. */
export function amountHint(currency: string, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const example = formatMoney(
    { value: 1500 * 10 ** exponent + (exponent ? 5 * 10 ** (exponent - 1) : 0), currency },
    locale,
  );
  const decimals = exponent === 0 ? 'no decimals' : `up to ${exponent} decimal${exponent === 1 ? '' : 's'}`;
  return `${currency} takes ${decimals}, like ${example}.`;
}

// --- For screens: short forms, counts, and totals kept per currency (never added across) ---

/** "US$1,234.50", "S$12.00", "¥1,234", "KWD 1.250" */
export function formatAmount(value: number, currency: string): string {
  return formatMoney({ value, currency });
}

// Formatters are made once per currency and precision: making one costs ~100x using it.
const compactFormats = new Map<string, MoneyFormat>();

/** Axis labels: "US$1.2K", "¥35M". Display only: the value is rounded to a whole minor unit first. */
export function formatCompactAmount(value: number, currency: string): string {
  const major = Number(toMajorString({ value: Math.round(value), currency }));
  const digits = major !== 0 && Math.abs(major) < 10 ? currencyExponent(currency) : 1;
  const key = `${currency}|${digits}`;
  let format = compactFormats.get(key);
  if (!format) {
    format = withUnambiguousSymbol(
      new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        notation: 'compact',
        minimumFractionDigits: 0,
        maximumFractionDigits: digits,
      }),
      currency,
    );
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
