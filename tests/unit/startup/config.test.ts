// Real mode's configuration checks (lib/startup/config.ts): what start-up refuses before it touches
// anything, each problem in one line that names the variable and never echoes key material.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatewayKind, loadAntomConfig } from '../../../lib/antom';
import { checkRealModeConfig, isRealMode, realModeConfigProblems, StartupRefused } from '../../../lib/startup/config';
import { PEMS } from '../../fixtures/antom';

const production = {
  ANTOM_GATEWAY_URL: 'https://open-sea-global.alipay.com',
  ANTOM_CLIENT_ID: '2022082512345678',
  ANTOM_MERCHANT_PRIVATE_KEY: PEMS.merchantPrivate,
  ANTOM_PUBLIC_KEY: PEMS.antomPublic,
};

const pem = (key: { export(o: { type: 'pkcs8' | 'spki'; format: 'pem' }): string | Buffer }, type: 'pkcs8' | 'spki') =>
  key.export({ type, format: 'pem' }).toString();

function rsa(bits: number) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { privateKey: pem(privateKey, 'pkcs8'), publicKey: pem(publicKey, 'spki') };
}

/** The one line start-up would print for this environment (after "Cannot start: "). */
function refusal(env: Record<string, string | undefined>): string {
  try {
    checkRealModeConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StartupRefused);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be refused`);
}

describe('real mode', () => {
  it('is ANTOM_GATEWAY_URL set, whatever it points at', () => {
    expect(isRealMode({})).toBe(false);
    expect(isRealMode({ ANTOM_GATEWAY_URL: ' ' })).toBe(false);
    expect(isRealMode({ ANTOM_GATEWAY_URL: 'http://127.0.0.1:4010' })).toBe(true);
    expect(isRealMode(production)).toBe(true);
  });
});

describe('a complete, consistent configuration', () => {
  it.each([
    ['production', production],
    [
      "Antom's sandbox (a SANDBOX_ client id, the gateway ending in /ams/sandbox)",
      {
        ...production,
        ANTOM_GATEWAY_URL: 'https://open-sea-global.alipay.com/ams/sandbox/',
        ANTOM_CLIENT_ID: 'SANDBOX_5YEZ3E2ZDA7N06432',
      },
    ],
    [
      'a sandbox on this machine, any client id',
      {
        ...production,
        ANTOM_GATEWAY_URL: 'http://127.0.0.1:4010',
        ANTOM_CLIENT_ID: 'SANDBOX_LOCAL_MERCHANT',
      },
    ],
    ['localhost too', { ...production, ANTOM_GATEWAY_URL: 'http://localhost:4010', ANTOM_CLIENT_ID: 'SANDBOX_X' }],
  ])('passes: %s', (_what, env) => {
    expect(realModeConfigProblems(env)).toEqual([]);
    expect(() => checkRealModeConfig(env)).not.toThrow();
  });
});

describe('an incomplete configuration', () => {
  it.each(['ANTOM_CLIENT_ID', 'ANTOM_MERCHANT_PRIVATE_KEY', 'ANTOM_PUBLIC_KEY'])('is refused without %s', (name) => {
    const line = refusal({ ...production, [name]: undefined });
    expect(line).toBe(`Antom configuration is incomplete: ${name} is required.`);
  });

  it('names every missing setting in one line', () => {
    const line = refusal({ ANTOM_GATEWAY_URL: production.ANTOM_GATEWAY_URL });
    expect(line).toBe(
      'Antom configuration is incomplete: ANTOM_CLIENT_ID is required; ANTOM_MERCHANT_PRIVATE_KEY is required; ANTOM_PUBLIC_KEY is required.',
    );
  });

  it('refuses an unreadable key without echoing it', () => {
    const garbage = 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu';
    const line = refusal({ ...production, ANTOM_MERCHANT_PRIVATE_KEY: garbage });
    expect(line).toMatch(/^ANTOM_MERCHANT_PRIVATE_KEY is not a readable private key/);
    expect(line).not.toContain(garbage);
  });
});

describe('a key that is not RSA 2048', () => {
  const small = rsa(1024);
  const large = rsa(3072);
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  it.each([
    [
      'a 1024-bit merchant key',
      { ANTOM_MERCHANT_PRIVATE_KEY: small.privateKey },
      'ANTOM_MERCHANT_PRIVATE_KEY',
      'RSA 1024',
    ],
    [
      'a 3072-bit merchant key',
      { ANTOM_MERCHANT_PRIVATE_KEY: large.privateKey },
      'ANTOM_MERCHANT_PRIVATE_KEY',
      'RSA 3072',
    ],
    [
      'an EC merchant key',
      { ANTOM_MERCHANT_PRIVATE_KEY: pem(ec.privateKey, 'pkcs8') },
      'ANTOM_MERCHANT_PRIVATE_KEY',
      'ec',
    ],
    ['a 3072-bit Antom key', { ANTOM_PUBLIC_KEY: large.publicKey }, 'ANTOM_PUBLIC_KEY', 'RSA 3072'],
    ['an EC Antom key', { ANTOM_PUBLIC_KEY: pem(ec.publicKey, 'spki') }, 'ANTOM_PUBLIC_KEY', 'ec'],
  ])('refuses %s', (_what, change, name, found) => {
    expect(refusal({ ...production, ...change })).toBe(
      `${name} must be an RSA 2048-bit key, as Antom uses; this one is ${found}.`,
    );
  });
});

describe('a configuration that contradicts itself', () => {
  it("refuses the merchant's own public key given as Antom's", () => {
    expect(refusal({ ...production, ANTOM_PUBLIC_KEY: PEMS.merchantPublic })).toBe(
      "ANTOM_PUBLIC_KEY is the public half of your own ANTOM_MERCHANT_PRIVATE_KEY: it must be Antom's public key, from Antom Dashboard.",
    );
  });

  it('refuses a SANDBOX_ client id on a production gateway', () => {
    for (const gateway of ['https://open-sea-global.alipay.com', 'https://open-na-global.alipay.com/']) {
      expect(refusal({ ...production, ANTOM_GATEWAY_URL: gateway, ANTOM_CLIENT_ID: 'SANDBOX_5YEZ3E2ZDA7N06432' })).toBe(
        `ANTOM_CLIENT_ID starts with SANDBOX_ (an Antom sandbox account) but ANTOM_GATEWAY_URL is Antom's production: use your production client id, or ${new URL(gateway).origin}/ams/sandbox for Antom's sandbox.`,
      );
    }
  });

  it("refuses a production client id on Antom's sandbox", () => {
    expect(refusal({ ...production, ANTOM_GATEWAY_URL: 'https://open-de-global.alipay.com/ams/sandbox' })).toBe(
      "ANTOM_GATEWAY_URL ends in /ams/sandbox (Antom's sandbox) but ANTOM_CLIENT_ID does not start with SANDBOX_: use the sandbox client id from Antom Dashboard's test mode, or https://open-de-global.alipay.com for production.",
    );
  });

  it('refuses a gateway URL with an API path pasted in', () => {
    for (const gateway of [
      'https://open-sea-global.alipay.com/ams/api',
      'https://open-sea-global.alipay.com/ams/sandbox/api/v1/payments/refund',
    ]) {
      expect(refusal({ ...production, ANTOM_GATEWAY_URL: gateway, ANTOM_CLIENT_ID: 'SANDBOX_1' })).toBe(
        "ANTOM_GATEWAY_URL must be the gateway's address alone (https://open-sea-global.alipay.com), or https://open-sea-global.alipay.com/ams/sandbox for Antom's sandbox: each call adds its own path.",
      );
    }
  });

  it('puts several problems on one line', () => {
    const line = refusal({
      ...production,
      ANTOM_PUBLIC_KEY: PEMS.merchantPublic,
      ANTOM_CLIENT_ID: 'SANDBOX_1',
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('ANTOM_PUBLIC_KEY is the public half');
    expect(line).toContain('ANTOM_CLIENT_ID starts with SANDBOX_');
  });
});

describe('the gateway URL', () => {
  it('says what it points at', () => {
    expect(gatewayKind('https://open-sea-global.alipay.com')).toBe('production');
    expect(gatewayKind('https://open-sea-global.alipay.com/ams/sandbox')).toBe('antom-sandbox');
    expect(gatewayKind('https://open-sea-global.alipay.com/ams/sandbox/')).toBe('antom-sandbox');
    expect(gatewayKind('http://127.0.0.1:4010')).toBe('local');
    expect(gatewayKind('http://127.1.2.3:4010/ams/sandbox')).toBe('local');
    expect(gatewayKind('http://[::1]:4010')).toBe('local');
    expect(gatewayKind('http://app.localhost:4010')).toBe('local');
    expect(gatewayKind('http://127.0.0.1.example.com')).toBe('production');
    expect(gatewayKind('not a url')).toBeUndefined();
  });

  it('is called without its /ams/sandbox marker: the client id picks the sandbox paths', () => {
    const config = loadAntomConfig({
      ...production,
      ANTOM_GATEWAY_URL: 'https://open-sea-global.alipay.com/ams/sandbox/',
      ANTOM_CLIENT_ID: 'SANDBOX_1',
    });
    expect(config.gatewayUrl).toBe('https://open-sea-global.alipay.com');
  });
});
