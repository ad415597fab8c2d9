import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, env, EnvError, parseEnv } from '../../lib/env';

/** The names `.env.example` sets (`NAME=value`) or shows commented out (`# NAME=value`), with their values. */
function exampleVariables(): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of readFileSync('.env.example', 'utf8').split('\n')) {
    const m = /^(?:#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) found.set(m[1]!, m[2]!);
  }
  return found;
}

function problemOf(record: Record<string, string>): string {
  try {
    parseEnv(record);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error(`expected ${JSON.stringify(record)} to be refused`);
}

describe('.env.example', () => {
  it('lists exactly the variables lib/env.ts reads', () => {
    const example = [...exampleVariables().keys()];
    const onlyInExample = example.filter((name) => !ENV_VARIABLES.includes(name));
    const onlyInSchema = ENV_VARIABLES.filter((name) => !example.includes(name));
    expect(
      { onlyInExample, onlyInSchema },
      'add the missing ones to .env.example or to the schema in lib/env.ts',
    ).toEqual({
      onlyInExample: [],
      onlyInSchema: [],
    });
  });

  it('shows only values the schema accepts', () => {
    const values = Object.fromEntries([...exampleVariables()].filter(([, value]) => value !== ''));
    expect(() => parseEnv(values)).not.toThrow();
  });
});

describe('parseEnv', () => {
  it('has the documented defaults when nothing is set', () => {
    expect(parseEnv({})).toEqual({
      PORT: 3000,
      HOST: undefined,
      DATABASE_URL: undefined,
      EMBEDDED_POSTGRES_PORT: undefined,
      DEBUG_SCHEMA_ENGINE: false,
      AUTH_SECRET: undefined,
      ANTOM_GATEWAY_URL: undefined, // the bundled sandbox
      ANTOM_CLIENT_ID: undefined,
      ANTOM_MERCHANT_PRIVATE_KEY: undefined,
      ANTOM_PUBLIC_KEY: undefined,
      ANTOM_KEY_VERSION: 1,
      ANTOM_CONNECT_TIMEOUT_MS: 5_000,
      ANTOM_TIMEOUT_MS: 15_000,
      ANTOM_MAX_RETRIES: 2,
      ANTOM_NOTIFY_URL: undefined,
      ANTOM_CHANNELS: ['ONLINE', 'IN_STORE'], // look-ups ask both
      SANDBOX_PORT: 0, // any free port
      SANDBOX_ASYNC_DELAY_MS: undefined, // the sandbox's own default
      LOG_LEVEL: 'info',
      METRICS_TOKEN: undefined, // metrics refused to everyone
      SHUTDOWN_TIMEOUT_MS: 25_000,
      MERCHANT_TIME_ZONE: 'Asia/Singapore',
      REFUND_APPROVAL_EXPIRES_HOURS: 72,
      BULK_REFUND_RATE: 10,
      TEST_DATABASE_URL: undefined,
    });
  });

  it('reads what is set, trimming what was always trimmed', () => {
    const e = parseEnv({
      PORT: '4000',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgresql://u:p@db:5432/antom',
      EMBEDDED_POSTGRES_PORT: '55000',
      DEBUG_SCHEMA_ENGINE: '1',
      ANTOM_GATEWAY_URL: ' https://open-sea-global.alipay.com ',
      ANTOM_KEY_VERSION: '3',
      ANTOM_CONNECT_TIMEOUT_MS: ' 800 ',
      ANTOM_TIMEOUT_MS: '2500',
      ANTOM_MAX_RETRIES: '0',
      ANTOM_NOTIFY_URL: 'https://dashboard.example.com/api/antom/notify-refund',
      SANDBOX_PORT: '4010',
      SANDBOX_ASYNC_DELAY_MS: '0',
      MERCHANT_TIME_ZONE: ' Europe/Berlin ',
    });
    expect(e).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      EMBEDDED_POSTGRES_PORT: 55_000,
      DEBUG_SCHEMA_ENGINE: true,
      ANTOM_GATEWAY_URL: 'https://open-sea-global.alipay.com',
      ANTOM_KEY_VERSION: 3,
      ANTOM_CONNECT_TIMEOUT_MS: 800,
      ANTOM_TIMEOUT_MS: 2_500,
      ANTOM_MAX_RETRIES: 0,
      SANDBOX_PORT: 4010,
      SANDBOX_ASYNC_DELAY_MS: 0,
      MERCHANT_TIME_ZONE: 'Europe/Berlin',
    });
  });

  it('reads the channels the merchant has: any case, in the order given, each once', () => {
    expect(parseEnv({ ANTOM_CHANNELS: 'in_store' }).ANTOM_CHANNELS).toEqual(['IN_STORE']);
    expect(parseEnv({ ANTOM_CHANNELS: ' IN_STORE , online,IN_STORE' }).ANTOM_CHANNELS).toEqual(['IN_STORE', 'ONLINE']);
    expect(problemOf({ ANTOM_CHANNELS: 'ONLINE,POS' })).toBe(
      'ANTOM_CHANNELS: expected ONLINE, IN_STORE or both separated by a comma, got "ONLINE,POS"',
    );
    expect(problemOf({ ANTOM_CHANNELS: ',' })).toBe(
      'ANTOM_CHANNELS: expected ONLINE, IN_STORE or both separated by a comma, got ","',
    );
  });

  it('takes an empty or blank value as unset, as the code always did, except PORT', () => {
    const defaults = parseEnv({});
    for (const name of ENV_VARIABLES.filter((n) => n !== 'PORT')) {
      for (const blank of ['', '  '])
        expect(parseEnv({ [name]: blank }), `${name}=${JSON.stringify(blank)}`).toEqual(defaults);
    }
    // `npm start` refused an empty PORT (it read as port 0) and still does.
    expect(problemOf({ PORT: '' })).toBe('PORT: expected a TCP port number from 1 to 65535, got ""');
  });

  it('names the variable and what is wrong, in one line', () => {
    const cases: [Record<string, string>, string][] = [
      [{ ANTOM_TIMEOUT_MS: 'abc' }, 'ANTOM_TIMEOUT_MS: expected a whole number of milliseconds, got "abc"'],
      [
        { ANTOM_TIMEOUT_MS: '0' },
        'ANTOM_TIMEOUT_MS: expected a whole number of milliseconds from 100 to 120000, got "0"',
      ],
      [{ ANTOM_MAX_RETRIES: '1.5' }, 'ANTOM_MAX_RETRIES: expected a whole number of retries, got "1.5"'],
      [{ ANTOM_KEY_VERSION: 'one' }, 'ANTOM_KEY_VERSION: expected a whole number, got "one"'],
      [{ PORT: '70000' }, 'PORT: expected a TCP port number from 1 to 65535, got "70000"'],
      [{ SANDBOX_PORT: '-1' }, 'SANDBOX_PORT: expected a TCP port number from 0 to 65535, got "-1"'],
      [{ EMBEDDED_POSTGRES_PORT: 'fast' }, 'EMBEDDED_POSTGRES_PORT: expected a TCP port number, got "fast"'],
      [{ SANDBOX_ASYNC_DELAY_MS: '3s' }, 'SANDBOX_ASYNC_DELAY_MS: expected a whole number of milliseconds, got "3s"'],
      [{ ANTOM_GATEWAY_URL: 'ftp://open-sea-global.alipay.com' }, 'ANTOM_GATEWAY_URL: expected an http(s) URL'],
      [{ ANTOM_NOTIFY_URL: 'dashboard.example.com/notify' }, 'ANTOM_NOTIFY_URL: expected an http(s) URL'],
      [
        { MERCHANT_TIME_ZONE: 'Mars/Olympus_Mons' },
        'MERCHANT_TIME_ZONE: expected an IANA time zone name such as Asia/Singapore, got "Mars/Olympus_Mons"',
      ],
      // Several at once: still one line, in the schema's order.
      [
        { SANDBOX_PORT: 'x', PORT: 'y' },
        'PORT: expected a TCP port number, got "y"; SANDBOX_PORT: expected a TCP port number, got "x"',
      ],
    ];
    for (const [record, message] of cases) expect(problemOf(record)).toBe(message);
  });

  it('never echoes a secret, even one set in the wrong variable', () => {
    const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const records: Record<string, string>[] = [
      { ANTOM_TIMEOUT_MS: secret },
      {
        ANTOM_TIMEOUT_MS: 'abc',
        AUTH_SECRET: secret,
        ANTOM_MERCHANT_PRIVATE_KEY: secret,
        DATABASE_URL: `postgresql://u:${secret}@h/db`,
      },
      { ANTOM_GATEWAY_URL: `https://client:${secret}@gateway example.com` },
      { ANTOM_NOTIFY_URL: `ftp://u:${secret}@example.com/notify` },
    ];
    for (const record of records) {
      const message = problemOf(record);
      expect(message).not.toContain(secret);
      expect(message).not.toContain(secret.slice(0, 12));
      expect(message).not.toContain('\n');
    }
    expect(problemOf({ ANTOM_TIMEOUT_MS: secret })).toBe(
      `ANTOM_TIMEOUT_MS: expected a whole number of milliseconds, got a value of ${secret.length} characters`,
    );
  });
});

describe('env()', () => {
  it('reads process.env once and keeps the result', () => {
    expect(env()).toBe(env());
    expect(env().PORT).toBe(parseEnv(process.env).PORT);
  });
});

describe('the operations variables (issue 17)', () => {
  it('reads a log level in any case, a token of 16 characters or more, a shutdown timeout', () => {
    const e = parseEnv({ LOG_LEVEL: ' WARN ', METRICS_TOKEN: ' 0123456789abcdef ', SHUTDOWN_TIMEOUT_MS: '5000' });
    expect([e.LOG_LEVEL, e.METRICS_TOKEN, e.SHUTDOWN_TIMEOUT_MS]).toEqual(['warn', '0123456789abcdef', 5000]);
  });

  it('refuses an unknown level, a short token (without echoing it) and a negative timeout', () => {
    expect(problemOf({ LOG_LEVEL: 'loud' })).toBe(
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    );
    const message = problemOf({ METRICS_TOKEN: 'short-secret' });
    expect(message).toBe('METRICS_TOKEN: expected at least 16 characters');
    expect(problemOf({ SHUTDOWN_TIMEOUT_MS: '-1' })).toMatch(/^SHUTDOWN_TIMEOUT_MS: expected a whole number/);
  });
});
