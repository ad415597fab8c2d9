// Issue 14, gap 8: addresses no page can mean are refused up front (proxy.ts, scripts/serve.ts).
import { describe, expect, it } from 'vitest';
import { malformedAddress } from '../../lib/http/malformed-url';

describe('malformed addresses', () => {
  it('names an escape that does not decode, and a NUL anywhere', () => {
    expect(malformedAddress('/refunds/%E0%A4%A')).toMatch(/does not decode/);
    expect(malformedAddress('/transactions?q=PAY%00X')).toMatch(/NUL/);
    expect(malformedAddress('/transactions/ABC%00')).toMatch(/NUL/);
  });

  it('lets ordinary addresses through, escapes included', () => {
    expect(malformedAddress('/refunds/RF_20261202_ABC')).toBeNull();
    expect(malformedAddress('/transactions/PAY%2C%22X%22?after=abc&q=%E6%97%A5')).toBeNull();
    expect(malformedAddress('/')).toBeNull();
  });
});
