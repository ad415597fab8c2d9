// Issue 15: the amount field accepts what the page itself prints ("1,500", "¥1,500", "US$1,500.00"),
// refuses another currency's mark and grouping that is not in threes, and its hint follows the
// currency's decimals. Every amount the page prints for a currency reads back as the same minor units.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountHint, formatMoney, parseTypedAmount } from '../../../lib/money';

describe('amounts typed as the page prints them', () => {
  it('takes grouping and the currency’s own marks, before or after', () => {
    expect(parseTypedAmount('1,500', 'USD')).toEqual({ ok: true, value: 150_000 });
    expect(parseTypedAmount('¥1,500', 'JPY')).toEqual({ ok: true, value: 1_500 });
    expect(parseTypedAmount('US$1,500.00', 'USD')).toEqual({ ok: true, value: 150_000 });
    expect(parseTypedAmount('$1,500.5', 'USD')).toEqual({ ok: true, value: 150_050 });
    expect(parseTypedAmount('1500 JPY', 'JPY')).toEqual({ ok: true, value: 1_500 });
    expect(parseTypedAmount('HK$1,000.50', 'HKD')).toEqual({ ok: true, value: 100_050 });
    expect(parseTypedAmount('S$10', 'SGD')).toEqual({ ok: true, value: 1_000 });
    expect(parseTypedAmount('KWD 1.250', 'KWD')).toEqual({ ok: true, value: 1_250 });
    expect(parseTypedAmount(' 12.5 ', 'EUR')).toEqual({ ok: true, value: 1_250 });
  });

  it('refuses another currency, grouping not in threes, signs and too many decimals, saying why', () => {
    expect(parseTypedAmount('€12', 'USD')).toEqual({
      ok: false,
      error: 'This payment is in USD: enter the amount in USD.',
    });
    expect(parseTypedAmount('¥1,500', 'USD')).toMatchObject({ ok: false });
    expect(parseTypedAmount('1,50', 'USD')).toEqual({ ok: false, error: 'Group digits in threes, like US$1,500.00.' });
    expect(parseTypedAmount('1,5000', 'JPY')).toEqual({ ok: false, error: 'Group digits in threes, like ¥1,500.' });
    expect(parseTypedAmount('-5', 'USD')).toEqual({ ok: false, error: 'Enter a positive number, like 12.50.' });
    expect(parseTypedAmount('10.5', 'JPY')).toMatchObject({ ok: false, error: 'JPY has no decimal places.' });
    expect(parseTypedAmount('', 'USD')).toEqual({ ok: false, error: 'Enter an amount.' });
  });

  it('reads back every amount it prints, in every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_147_483_647 }),
        fc.constantFrom('USD', 'JPY', 'KWD', 'EUR', 'SGD', 'HKD', 'CNY', 'GBP', 'IDR'),
        (value, currency) => {
          expect(parseTypedAmount(formatMoney({ value, currency }), currency)).toEqual({ ok: true, value });
        },
      ),
    );
  });

  it('hints the currency’s decimals with an example as printed', () => {
    expect(amountHint('USD')).toBe('USD takes up to 2 decimals, like US$1,500.50.');
    expect(amountHint('JPY')).toBe('JPY takes no decimals, like ¥1,500.');
    expect(amountHint('KWD')).toBe('KWD takes up to 3 decimals, like KWD\u00a01,500.500.');
  });
});
