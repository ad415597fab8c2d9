// The client's amounts (lib/amount-text.ts, given amountFormat(currency) by the server) against the
// server's (lib/money): a page's client code must write an amount exactly as the server writes it
// (the refund confirmation shows the typed amount beside amounts the server formatted). Reading a
// typed amount is one function for both (lib/money's parseTypedAmount calls parseTypedText).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinor, minorToMajor, parseTypedText } from '@/lib/amount-text';
import { amountFormat, currencyExponent, formatAmount, MAX_MINOR_VALUE, toMajorString } from '@/lib/money';

// Exponents 0, 2 and 3, with each kind of prefix lib/money writes: its own dollar prefixes (US$, S$,
// HK$), the locale's symbols (CN¥, ¥, ₩, €, £) and ISO codes set apart by a no-break space (KWD, CLP).
const CURRENCIES = ['JPY', 'KRW', 'CLP', 'USD', 'SGD', 'HKD', 'CNY', 'EUR', 'GBP', 'IDR', 'KWD', 'BHD'];
const currency = fc.constantFrom(...CURRENCIES);
const amount = fc.oneof(
  fc.integer({ min: 0, max: MAX_MINOR_VALUE }),
  fc.integer({ min: 0, max: 2_000 }),
  fc.constantFrom(0, 1, 5, 9, 10, 99, 100, 999, 1_000, 999_999, 1_000_000, MAX_MINOR_VALUE),
);

describe('formatMinor', () => {
  it('writes what formatAmount writes, by example', () => {
    const cases: [number, string, string][] = [
      [123_450, 'USD', 'US$1,234.50'],
      [1_200, 'SGD', 'S$12.00'],
      [100_050, 'HKD', 'HK$1,000.50'],
      [123_456, 'CNY', 'CN¥1,234.56'],
      [1_234, 'JPY', '¥1,234'],
      [1_234_567, 'KRW', '₩1,234,567'],
      [1_250, 'KWD', 'KWD\u00a01.250'],
      [5, 'KWD', 'KWD\u00a00.005'],
      [0, 'USD', 'US$0.00'],
    ];
    for (const [value, code, written] of cases) {
      expect(formatAmount(value, code)).toBe(written);
      expect(formatMinor(value, amountFormat(code))).toBe(written);
    }
  });

  it('writes what formatAmount writes, for every amount Antom accepts in exponents 0, 2 and 3', () => {
    expect(new Set(CURRENCIES.map(currencyExponent))).toEqual(new Set([0, 2, 3]));
    fc.assert(
      fc.property(amount, currency, fc.boolean(), (value, code, negative) => {
        const signed = negative ? -value : value;
        expect(formatMinor(signed, amountFormat(code))).toBe(formatAmount(signed, code));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('minorToMajor', () => {
  it('is toMajorString', () => {
    fc.assert(
      fc.property(amount, currency, (value, code) => {
        expect(minorToMajor(value, currencyExponent(code))).toBe(toMajorString({ value, currency: code }));
      }),
    );
  });
});

describe('parseTypedText', () => {
  it('reads back what formatMinor writes', () => {
    fc.assert(
      fc.property(amount, currency, (value, code) => {
        const format = amountFormat(code);
        expect(parseTypedText(formatMinor(value, format), format)).toEqual({ ok: true, value });
      }),
    );
  });
});
