import { describe, expect, it } from 'vitest';
import { parsePayArgs, UsageError } from '../../../scripts/sandbox-pay';

const args = (line: string) => line.split(' ');

describe('npm run sandbox:pay arguments', () => {
  it("turn the amount a person writes into minor units by the currency's ISO 4217 exponent", () => {
    const value = (amount: string, currency: string) =>
      parsePayArgs(args(`--method ALIPAY_CN --amount ${amount} --currency ${currency}`), {}).payment.amountValue;
    expect(value('12.50', 'USD')).toBe(1250);
    expect(value('12.5', 'USD')).toBe(1250);
    expect(value('1250', 'JPY')).toBe(1250);
    expect(value('1.250', 'KWD')).toBe(1250);
    expect(value('12', 'usd')).toBe(1200);
  });

  it('read the channel, delay, outcome and sandbox address', () => {
    expect(
      parsePayArgs(
        args('--method card --amount 1 --currency EUR --channel in-store --delay-ms 500 --fail --no-pending'),
        { SANDBOX_URL: 'http://127.0.0.1:4010' },
      ),
    ).toEqual({
      payment: {
        method: 'CARD',
        amountValue: 100,
        currency: 'EUR',
        channel: 'IN_STORE',
        outcome: 'FAIL',
        delayMs: 500,
        pendingFirst: false,
      },
      sandboxUrl: 'http://127.0.0.1:4010',
    });
  });

  it('refuse bad input with one line saying what is wrong', () => {
    const refusal = (line: string) => {
      try {
        parsePayArgs(args(line), {});
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).not.toContain('\n');
        return (error as Error).message;
      }
      throw new Error(`accepted: ${line}`);
    };
    expect(refusal('--method ALIPAY_CN --amount 12.505 --currency USD')).toMatch(/at most 2 decimal places/);
    expect(refusal('--method ALIPAY_CN --amount 10.5 --currency JPY')).toMatch(/JPY has no decimal places/);
    expect(refusal('--method ALIPAY_CN --amount 1,000 --currency USD')).toMatch(/--amount "1,000"/);
    expect(refusal('--method ALIPAY_CN --amount 0 --currency USD')).toMatch(/more than zero/);
    expect(refusal('--method ALIPAY_CN --amount 99999999999 --currency USD')).toMatch(/too large/);
    expect(refusal('--method ALIPAY_CN --amount 1 --currency US')).toMatch(/ISO 4217/);
    expect(refusal('--amount 1 --currency USD')).toMatch(/--method is required/);
    expect(refusal('--method ALIPAY_CN --amount 1 --currency USD --channel POS')).toMatch(/ONLINE or IN_STORE/);
    expect(refusal('--method ALIPAY_CN --amount 1 --currency USD --delay-ms soon')).toMatch(/--delay-ms/);
    expect(refusal('--method ALIPAY_CN --amount 1 --currency USD --pending-first --no-pending')).toMatch(/contradict/);
    expect(refusal('--method ALIPAY_CN --amount 1 --currency USD --payment-request-id a-b')).toMatch(/underscores/);
    expect(refusal('--method ALIPAY_CN --amount 1 --currency USD extra')).toMatch(/usage/);
  });
});
