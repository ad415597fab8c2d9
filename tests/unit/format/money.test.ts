import { describe, expect, it } from 'vitest';
import { addToTotals, formatAmount, formatCompactAmount, fromBigInt, totalsList } from '../../../lib/money';
import { neutraliseFormula } from '../../../lib/format/csv';
import { formatMoney } from '../../../lib/money';

describe('money for people', () => {
  it('formats minor units by each currency’s exponent', () => {
    expect(formatAmount(123456, 'USD')).toBe('US$1,234.56');
    expect(formatAmount(1234, 'JPY')).toBe('¥1,234');
    expect(formatAmount(1234, 'KWD')).toBe('KWD\u00a01.234');
  });

  it('keeps one formatter per locale and currency: interleaved calls never borrow another’s', () => {
    const seen = ['USD', 'JPY', 'KWD', 'USD', 'KWD', 'JPY'].map((currency) => formatMoney({ value: 123456, currency }));
    expect(seen).toEqual([
      'US$1,234.56',
      '¥123,456',
      'KWD\u00a0123.456',
      'US$1,234.56',
      'KWD\u00a0123.456',
      '¥123,456',
    ]);
    expect(formatMoney({ value: 123456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney({ value: 123456, currency: 'EUR' })).toBe('€1,234.56');
    // Compact labels change precision with the size of the value, for the same currency.
    expect([
      formatCompactAmount(500, 'KWD'),
      formatCompactAmount(50_000_000, 'KWD'),
      formatCompactAmount(500, 'KWD'),
    ]).toEqual([formatCompactAmount(500, 'KWD'), 'KWD\u00a050K', formatCompactAmount(500, 'KWD')]);
    expect(formatCompactAmount(5_000, 'USD')).toBe('US$50');
    expect(formatCompactAmount(550, 'USD')).toBe('US$5.5');
  });

  it('never prints a bare "$": each dollar currency has its own prefix, in any locale', () => {
    expect(['USD', 'SGD', 'HKD', 'AUD'].map((c) => formatAmount(49070, c))).toEqual([
      'US$490.70',
      'S$490.70',
      'HK$490.70',
      'A$490.70',
    ]);
    // en-SG would print SGD as "$" and ja-JP USD as "$": the prefix wins, the locale keeps its grouping.
    expect(formatMoney({ value: 123456, currency: 'SGD' }, 'en-SG')).toBe('S$1,234.56');
    expect(formatMoney({ value: 123456, currency: 'USD' }, 'ja-JP')).toBe('US$1,234.56');
    expect(formatMoney({ value: -5000, currency: 'USD' })).toBe('-US$50.00');
    // A currency a locale writes as a bare "$" that has no prefix of ours: its ISO code.
    expect(formatMoney({ value: 1500, currency: 'CLP' }, 'es-CL')).toMatch(/^CLP\s?1\.500$/);
    expect(formatCompactAmount(150_000_00, 'SGD')).toBe('S$150K');
    // Other symbols are the locale's own.
    expect(formatAmount(1234, 'JPY')).toBe('¥1,234');
    expect(formatAmount(1234, 'PHP')).toBe('₱12.34');
  });

  it('labels chart axes compactly', () => {
    expect(formatCompactAmount(150_000_00, 'USD')).toBe('US$150K');
    expect(formatCompactAmount(35_000_000, 'JPY')).toBe('¥35M');
    expect(formatCompactAmount(0, 'USD')).toBe('US$0');
  });

  it('keeps totals per currency and never adds across them', () => {
    const totals = new Map<string, number>();
    addToTotals(totals, 'USD', 100);
    addToTotals(totals, 'JPY', 5);
    addToTotals(totals, 'USD', 250);
    expect(totalsList(totals)).toEqual([
      { currency: 'JPY', value: 5 },
      { currency: 'USD', value: 350 },
    ]);
  });

  it('takes PostgreSQL bigints, refusing what a JS number cannot hold exactly', () => {
    expect(fromBigInt(12n)).toBe(12);
    expect(fromBigInt(null)).toBe(0);
    expect(() => fromBigInt(2n ** 60n)).toThrow(RangeError);
  });
});

describe('CSV text', () => {
  it('keeps spreadsheet formulas from running', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+44 20')).toBe("'+44 20");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('Customer returned the goods')).toBe('Customer returned the goods');
    expect(neutraliseFormula(null)).toBe('');
  });
});
