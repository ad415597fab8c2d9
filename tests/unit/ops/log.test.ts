// The logger's own guarantees: every line inside a request or job carries its id, and the keys that
// hold secrets are printed [REDACTED] wherever a logged object carries them (the e2e run's whole log is
// scanned as well: tests/e2e/log-scan.check.ts).
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../../lib/ops/log';
import { requestIdFrom, withRequestContext } from '../../../lib/ops/request-context';
import { hasMetricsToken } from '../../../lib/ops/token';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), stream), lines };
}

describe('the logger', () => {
  it('adds the request id of the request or job it runs in, and none outside one', async () => {
    const { logger, lines } = capture();
    logger.info('outside');
    await withRequestContext({ requestId: 'req-0001-abcd' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.child({ component: 'x' }).info('inside, after an await');
    });
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['outside', undefined],
      ['inside, after an await', 'req-0001-abcd'],
    ]);
  });

  it('redacts passwords, cookies, signatures, keys and tokens wherever they are', () => {
    const { logger, lines } = capture();
    const secret = 'S3CRET-value-that-must-not-print';
    logger.info(
      {
        password: secret,
        user: { newPassword: secret, email: 'a@b.test' },
        req: { headers: { cookie: secret, authorization: secret, 'set-cookie': secret, accept: 'text/html' } },
        headers: { signature: `algorithm=RSA256,signature=${secret}` },
        call: { privateKey: secret, token: secret, secret },
        AUTH_SECRET: secret,
      },
      'everything secret',
    );
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      password: '[REDACTED]',
      user: { newPassword: '[REDACTED]', email: 'a@b.test' },
      req: { headers: { cookie: '[REDACTED]', authorization: '[REDACTED]', accept: 'text/html' } },
      headers: { signature: '[REDACTED]' },
    });
  });
});

describe('request ids', () => {
  it("keeps a proxy's plain id and replaces anything else with a fresh one", () => {
    expect(requestIdFrom('lb-1234abcd')).toBe('lb-1234abcd');
    for (const bad of [undefined, '', 'short', 'x'.repeat(65), 'has space here', 'inject\n{"level":"fatal"}']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('METRICS_TOKEN', () => {
  const token = 'a-long-enough-token-123';
  it('accepts exactly the bearer token, and nothing when none is configured', () => {
    expect(hasMetricsToken(`Bearer ${token}`, token)).toBe(true);
    expect(hasMetricsToken(`bearer ${token}`, token)).toBe(true);
    for (const header of [null, '', token, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`])
      expect(hasMetricsToken(header, token)).toBe(false);
    expect(hasMetricsToken(`Bearer ${token}`, undefined)).toBe(false);
  });
});
