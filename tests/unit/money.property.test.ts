// Amounts as people type and read them, against minor units: examples for each documented rule of
// parseMajor / toMajorString, then properties (fast-check) over every amount Antom accepts, for
// currencies of each ISO 4217 exponent the dashboard meets (0, 2 and 3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MINOR_VALUE, currencyExponent, formatMoney, parseMajor, toMajorString } from '@/lib/money';

const BY_EXPONENT = { 0: ['JPY', 'KRW'], 2: ['USD', 'EUR', 'SGD'], 3: ['KWD', 'BHD'] } as const;
const CURRENCIES = Object.values(BY_EXPONENT).flat();

const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.integer({ min: 0, max: MAX_MINOR_VALUE });
const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
const blank = fc.constantFrom('', ' ', '  ', '\t', '\n');

/** The typed text's value in minor units, exactly (BigInt: no floating point, no overflow). */
const exactMinor = (whole: string, fraction: string, exponent: number) =>
  BigInt(whole + fraction.padEnd(exponent, '0'));

describe('currency exponents', () => {
  it('are ISO 4217’s for the currencies under test, and 2 for one it does not list', () => {
    for (const [exponent, codes] of Object.entries(BY_EXPONENT)) {
      for (const code of codes) expect(currencyExponent(code), code).toBe(Number(exponent));
    }
    expect(currencyExponent('CHF')).toBe(2);
  });
});

describe('parseMajor, by example', () => {
  it('reads major units into minor units, without floating point', () => {
    expect(parseMajor('12.5', 'USD')).toEqual({ ok: true, value: 1250 });
    expect(parseMajor('0.1', 'USD')).toEqual({ ok: true, value: 10 });
    expect(parseMajor('0.29', 'USD')).toEqual({ ok: true, value: 29 }); // 0.29 * 100 is 28.999… in floating point
    expect(parseMajor('1234', 'JPY')).toEqual({ ok: true, value: 1234 });
    expect(parseMajor('1.234', 'KWD')).toEqual({ ok: true, value: 1234 });
    expect(parseMajor('1.2', 'BHD')).toEqual({ ok: true, value: 1200 });
    expect(parseMajor('  7.00 ', 'EUR')).toEqual({ ok: true, value: 700 });
  });

  it('refuses more decimals than the currency has', () => {
    expect(parseMajor('10.5', 'JPY')).toEqual({ ok: false, decimals: true, error: 'JPY has no decimal places.' });
    expect(parseMajor('10.505', 'USD')).toEqual({
      ok: false,
      decimals: true,
      error: 'USD allows at most 2 decimal places.',
    });
    expect(parseMajor('1.0000', 'KWD')).toEqual({
      ok: false,
      decimals: true,
      error: 'KWD allows at most 3 decimal places.',
    });
  });

  it('refuses empty input, signs, exponents and grouping', () => {
    expect(parseMajor('', 'USD')).toEqual({ ok: false, error: 'Enter an amount.' });
    expect(parseMajor('   ', 'USD')).toEqual({ ok: false, error: 'Enter an amount.' });
    for (const text of ['-5', '+5', '1e3', '1E3', '1,000', '1,000.00', '1 000', '1_000', "1'000"]) {
      expect(parseMajor(text, 'USD'), text).toEqual({ ok: false, error: 'Enter a positive number, like 12.50.' });
    }
  });

  it('accepts up to Antom’s amount limit and refuses beyond it', () => {
    expect(parseMajor('21474836.47', 'USD')).toEqual({ ok: true, value: MAX_MINOR_VALUE });
    expect(parseMajor('21474836.48', 'USD')).toEqual({ ok: false, error: 'That amount is too large.' });
    expect(parseMajor('2147483647', 'JPY')).toEqual({ ok: true, value: MAX_MINOR_VALUE });
    expect(parseMajor('2147483648', 'JPY')).toEqual({ ok: false, error: 'That amount is too large.' });
    expect(parseMajor('2147483.648', 'KWD')).toEqual({ ok: false, error: 'That amount is too large.' });
    expect(parseMajor('9'.repeat(30), 'USD')).toEqual({ ok: false, error: 'That amount is too large.' });
  });

  it('prints minor units as major units, without grouping', () => {
    expect(toMajorString({ value: 123450, currency: 'USD' })).toBe('1234.50');
    expect(toMajorString({ value: 5, currency: 'USD' })).toBe('0.05');
    expect(toMajorString({ value: 0, currency: 'EUR' })).toBe('0.00');
    expect(toMajorString({ value: 1234, currency: 'JPY' })).toBe('1234');
    expect(toMajorString({ value: 7, currency: 'KWD' })).toBe('0.007');
    expect(toMajorString({ value: -1250, currency: 'USD' })).toBe('-12.50');
  });
});

describe('amounts, as properties', () => {
  it('every amount from 0 to the limit prints and parses back to itself, in every exponent', () => {
    fc.assert(
      fc.property(currency, minor, (code, value) => {
        expect(parseMajor(toMajorString({ value, currency: code }), code)).toEqual({ ok: true, value });
      }),
    );
  });

  it('prints exactly as many decimals as the currency’s exponent, and no grouping', () => {
    fc.assert(
      fc.property(currency, minor, (code, value) => {
        const printed = toMajorString({ value, currency: code });
        const exponent = currencyExponent(code);
        expect(printed).toMatch(exponent === 0 ? /^(0|[1-9]\d*)$/ : new RegExp(`^(0|[1-9]\\d*)\\.\\d{${exponent}}$`));
      }),
    );
  });

  it('any amount typed within the currency’s decimals parses to its exact value, and printing that gives the same number back', () => {
    const typed = currency.chain((code) =>
      fc.record({
        code: fc.constant(code),
        before: blank,
        whole: digits(1, 12), // leading zeros included
        fraction: fc.option(digits(0, currencyExponent(code)), { nil: undefined }), // undefined: no point at all
        after: blank,
      }),
    );
    fc.assert(
      fc.property(typed, ({ code, before, whole, fraction, after }) => {
        const exponent = currencyExponent(code);
        const text = `${before}${whole}${fraction === undefined ? '' : `.${fraction}`}${after}`;
        const exact = exactMinor(whole, fraction ?? '', exponent);
        const parsed = parseMajor(text, code);
        if (exact > BigInt(MAX_MINOR_VALUE)) {
          expect(parsed).toEqual({ ok: false, error: 'That amount is too large.' });
          return;
        }
        expect(parsed).toEqual({ ok: true, value: Number(exact) });
        const printed = toMajorString({ value: Number(exact), currency: code });
        const [printedWhole = '', printedFraction = ''] = printed.split('.');
        expect(exactMinor(printedWhole, printedFraction, exponent)).toBe(exact);
        expect(parseMajor(printed, code)).toEqual(parsed);
      }),
    );
  });

  it('every amount above Antom’s limit is refused, however it is written', () => {
    const over = fc.oneof(
      fc.constant(MAX_MINOR_VALUE + 1),
      fc.integer({ min: MAX_MINOR_VALUE + 1, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(currency, over, (code, value) => {
        expect(parseMajor(toMajorString({ value, currency: code }), code)).toEqual({
          ok: false,
          error: 'That amount is too large.',
        });
      }),
    );
  });

  it('more decimals than the exponent are refused, whatever the digits', () => {
    const typed = currency.chain((code) =>
      fc.record({
        code: fc.constant(code),
        whole: digits(1, 8),
        fraction: digits(currencyExponent(code) + 1, currencyExponent(code) + 6),
      }),
    );
    fc.assert(
      fc.property(typed, ({ code, whole, fraction }) => {
        const parsed = parseMajor(`${whole}.${fraction}`, code);
        expect(parsed.ok).toBe(false);
        expect(parsed).toHaveProperty(
          'error',
          currencyExponent(code) === 0
            ? `${code} has no decimal places.`
            : `${code} allows at most ${currencyExponent(code)} decimal places.`,
        );
      }),
    );
  });

  it('signs, exponents, grouping and empty input are refused, around any amount', () => {
    // A valid amount as it prints, then spoilt in one of the ways a person (or a spreadsheet) might.
    const spoilt = fc
      .tuple(
        currency,
        fc.integer({ min: 1000 * 1000, max: MAX_MINOR_VALUE }),
        fc.constantFrom('-', '+', 'e', 'E', ',', ' ', '_', "'"),
        fc.nat(),
      )
      .map(([code, value, mark, at]) => {
        const printed = toMajorString({ value, currency: code });
        const whole = printed.split('.')[0]!;
        const rest = printed.slice(whole.length);
        switch (mark) {
          case '-':
          case '+':
            return { code, text: `${mark}${printed}` };
          case 'e':
          case 'E':
            return { code, text: `${printed}${mark}${at % 10}` };
          default: {
            // A group mark inside the whole part (which has 4 digits at least: a thousand major units and more).
            const cut = 1 + (at % (whole.length - 1));
            return { code, text: `${whole.slice(0, cut)}${mark}${whole.slice(cut)}${rest}` };
          }
        }
      });
    fc.assert(
      fc.property(spoilt, ({ code, text }) => {
        expect(parseMajor(text, code)).toEqual({ ok: false, error: 'Enter a positive number, like 12.50.' });
      }),
    );
    fc.assert(
      fc.property(currency, blank, (code, text) => {
        expect(parseMajor(text, code)).toEqual({ ok: false, error: 'Enter an amount.' });
      }),
    );
  });

  it('formatMoney shows the same number as toMajorString, with the currency’s decimals', () => {
    fc.assert(
      fc.property(currency, minor, (code, value) => {
        const shown = formatMoney({ value, currency: code });
        expect(shown.replace(/[^\d.]/g, '')).toBe(toMajorString({ value, currency: code }));
      }),
    );
  });
});
