// Antom's reports write amounts in the currency's major unit (docs.antom.com/ac/reconcile/transaction_details):
// they become minor units exactly, by the ISO 4217 exponent, and more decimals than the currency has are refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMajorString } from '../../../lib/money';
import { reportAmountToMinor } from '../../../lib/reports/format';

describe('reportAmountToMinor', () => {
  it.each([
    ['1500', 'JPY', 1500],
    ['0', 'JPY', 0],
    ['12.34', 'USD', 1234],
    ['12.3', 'USD', 1230],
    ['12', 'USD', 1200],
    ['0.01', 'USD', 1],
    ['1.234', 'KWD', 1234],
    ['0.005', 'BHD', 5],
    ['-2.84', 'SGD', -284],
    ['21474836.47', 'USD', 2_147_483_647],
  ])('%s %s is %i minor units', (text, currency, minor) => {
    expect(reportAmountToMinor(text, currency)).toBe(minor);
  });

  it.each([
    ['10.5', 'JPY', /JPY has no decimal places/],
    ['12.345', 'USD', /USD has 2 decimal places, not 3/],
    ['1.2345', 'KWD', /KWD has 3 decimal places, not 4/],
    ['1,000.00', 'USD', /not an amount/],
    ['1e3', 'USD', /not an amount/],
    ['', 'USD', /not an amount/],
    ['21474836.48', 'USD', /too large/],
  ])('refuses %s %s', (text, currency, message) => {
    expect(() => reportAmountToMinor(text, currency)).toThrow(message);
  });

  it('reads back exactly what toMajorString writes, in every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2_147_483_647, max: 2_147_483_647 }),
        fc.constantFrom('JPY', 'USD', 'KWD', 'BHD', 'EUR', 'KRW', 'OMR'),
        (value, currency) => {
          expect(reportAmountToMinor(toMajorString({ value, currency }), currency)).toBe(value);
        },
      ),
    );
  });
});
