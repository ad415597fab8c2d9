// Amounts as text without lib/money's currency tables and Intl formatters: what client code needs to
// write and read amounts of one currency, given that currency's AmountFormat by the server
// (lib/money's amountFormat). lib/money parses with the same functions, so a page's client code and
// the server read a typed amount alike; tests/unit/format/amount-text.property.test.ts checks that
// formatMinor writes exactly what lib/money's formatAmount does.

/** How one currency's amounts are written (en-US, as lib/money's formatMoney writes them). */
export interface AmountFormat {
  currency: string;
  /** ISO 4217 minor-unit exponent: 0 (JPY), 2 (USD), 3 (KWD). */
  exponent: number;
  /** What stands before and after the digits: "US$" and "", "KWD\u00a0" and "". */
  prefix: string;
  suffix: string;
  /** The ways the currency may be typed next to an amount, upper case: "USD", "$", "US$". */
  marks: string[];
}

export const MAX_MINOR_VALUE = 2_147_483_647; // Antom's amount.value limit

/** "1234.50" for 123450 with exponent 2; "1234" with exponent 0. No grouping, for inputs and CSV. */
export function minorToMajor(value: number, exponent: number): string {
  const digits = String(Math.abs(value)).padStart(exponent + 1, '0');
  const cut = digits.length - exponent;
  return `${value < 0 ? '-' : ''}${digits.slice(0, cut)}${exponent ? `.${digits.slice(cut)}` : ''}`;
}

/** "US$1,234.50", "¥1,234", "KWD 1.250": an integer of minor units as lib/money's formatMoney writes it. */
export function formatMinor(value: number, { exponent, prefix, suffix }: AmountFormat): string {
  const major = minorToMajor(Math.abs(value), exponent);
  const dot = exponent ? major.length - exponent - 1 : major.length;
  const whole = major.slice(0, dot).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${value < 0 ? '-' : ''}${prefix}${whole}${major.slice(dot)}${suffix}`;
}

/** `decimals`: more decimal places than the currency's ISO 4217 exponent (a bulk dry run counts these apart). */
export type ParseResult = { ok: true; value: number } | { ok: false; error: string; decimals?: true };

const POSITIVE = 'Enter a positive number, like 12.50.';

/**
 * What a person typed, in major units, to minor units, without floating point: "12.5" USD → 1250.
 * Refuses more decimals than the currency has ("10.5" JPY), signs, exponents and grouping.
 */
export function parseMajorText(input: string, currency: string, exponent: number): ParseResult {
  const text = input.trim();
  if (!text) return { ok: false, error: 'Enter an amount.' };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: POSITIVE };
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > exponent) {
    return {
      ok: false,
      decimals: true,
      error:
        exponent === 0
          ? `${currency} has no decimal places.`
          : `${currency} allows at most ${exponent} decimal places.`,
    };
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR_VALUE) return { ok: false, error: 'That amount is too large.' };
  return { ok: true, value: minor };
}

/**
 * What a person typed into an amount field, accepting what the page itself prints: grouping commas
 * ("1,500"), the currency's symbol or code before or after ("¥1,500", "US$1,500.00", "1500 JPY").
 * Grouping must be in threes; a symbol of another currency is refused, not ignored. Then parseMajorText.
 */
export function parseTypedText(input: string, format: AmountFormat): ParseResult {
  const { currency, exponent, marks } = format;
  let text = input.trim().replace(/\u00a0/g, ' ');
  const lead = /^[^\d.,]+/.exec(text)?.[0] ?? '';
  const trail = /[^\d.,]+$/.exec(text)?.[0] ?? '';
  for (const mark of [lead, trail]) {
    const bare = mark.trim();
    if (bare && !marks.includes(bare.toUpperCase()))
      return {
        ok: false,
        error: /^[+-]/.test(bare) ? POSITIVE : `This payment is in ${currency}: enter the amount in ${currency}.`,
      };
  }
  text = text.slice(lead.length, text.length - trail.length);
  if (text.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text))
      return { ok: false, error: `Group digits in threes, like ${formatMinor(1500 * 10 ** exponent, format)}.` };
    text = text.replaceAll(',', '');
  }
  return parseMajorText(text, currency, exponent);
}
