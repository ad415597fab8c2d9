import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AntomConfigError, hasAntomGateway, loadAntomConfig } from '../../../lib/antom/config';
import { parsePrivateKey, parsePublicKey, privateKeyToBase64, publicKeyToBase64 } from '../../../lib/antom/keys';
import { apiForPath, apiPath } from '../../../lib/antom/paths';
import { PEMS } from '../../fixtures/antom';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const env = {
  ANTOM_GATEWAY_URL: 'https://open-sea-global.alipay.com/',
  ANTOM_CLIENT_ID: 'SANDBOX_5YEZ3E2ZDA7N06432',
  ANTOM_MERCHANT_PRIVATE_KEY: PEMS.merchantPrivate,
  ANTOM_PUBLIC_KEY: PEMS.antomPublic,
};

describe('loadAntomConfig', () => {
  it('reads the environment with defaults for the optional settings', () => {
    const c = loadAntomConfig(env);
    expect(c.gatewayUrl).toBe('https://open-sea-global.alipay.com');
    expect(c.clientId).toBe('SANDBOX_5YEZ3E2ZDA7N06432');
    expect(c.keyVersion).toBe(1);
    expect(c).toMatchObject({ connectTimeoutMs: 5000, timeoutMs: 15000, maxRetries: 2 });
    expect(c.merchantPrivateKey.type).toBe('private');
    expect(c.antomPublicKey.type).toBe('public');
  });

  it('reads the numeric settings', () => {
    const c = loadAntomConfig({
      ...env,
      ANTOM_KEY_VERSION: '4',
      ANTOM_CONNECT_TIMEOUT_MS: '800',
      ANTOM_TIMEOUT_MS: '2500',
      ANTOM_MAX_RETRIES: '0',
    });
    expect(c).toMatchObject({ keyVersion: 4, connectTimeoutMs: 800, timeoutMs: 2500, maxRetries: 0 });
  });

  it('accepts keys as PEM, as a one-line base64 body, and as PEM with literal \\n (as .env files carry them)', () => {
    const priv = parsePrivateKey(PEMS.merchantPrivate);
    const pub = parsePublicKey(PEMS.antomPublic);
    const asBase64 = loadAntomConfig({
      ...env,
      ANTOM_MERCHANT_PRIVATE_KEY: privateKeyToBase64(priv),
      ANTOM_PUBLIC_KEY: publicKeyToBase64(pub),
    });
    expect(privateKeyToBase64(asBase64.merchantPrivateKey)).toBe(privateKeyToBase64(priv));
    expect(publicKeyToBase64(asBase64.antomPublicKey)).toBe(publicKeyToBase64(pub));
    const escaped = loadAntomConfig({ ...env, ANTOM_PUBLIC_KEY: PEMS.antomPublic.trim().replaceAll('\n', '\\n') });
    expect(publicKeyToBase64(escaped.antomPublicKey)).toBe(publicKeyToBase64(pub));
  });

  it('accepts PKCS#1 keys too', () => {
    const pkcs1 = createPublicKey(PEMS.antomPublic).export({ format: 'pem', type: 'pkcs1' }).toString();
    expect(loadAntomConfig({ ...env, ANTOM_PUBLIC_KEY: pkcs1 }).antomPublicKey.type).toBe('public');
  });

  it('names every missing or bad setting, without echoing key material', () => {
    expect(() => loadAntomConfig({})).toThrow(AntomConfigError);
    const text = messageOf(() => loadAntomConfig({ ANTOM_GATEWAY_URL: 'ftp://x', ANTOM_KEY_VERSION: 'one' }));
    for (const name of [
      'ANTOM_GATEWAY_URL',
      'ANTOM_CLIENT_ID',
      'ANTOM_MERCHANT_PRIVATE_KEY',
      'ANTOM_PUBLIC_KEY',
      'ANTOM_KEY_VERSION',
    ]) {
      expect(text).toContain(name);
    }
    const secretish = 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu';
    const keyError = messageOf(() => loadAntomConfig({ ...env, ANTOM_MERCHANT_PRIVATE_KEY: secretish }));
    expect(keyError).toMatch(/ANTOM_MERCHANT_PRIVATE_KEY is not a readable private key/);
    expect(keyError).not.toContain(secretish);
    // A public key where the private one belongs, and the reverse.
    expect(() => loadAntomConfig({ ...env, ANTOM_MERCHANT_PRIVATE_KEY: PEMS.merchantPublic })).toThrow(
      AntomConfigError,
    );
    expect(() => loadAntomConfig({ ...env, ANTOM_PUBLIC_KEY: 'not a key' })).toThrow(/ANTOM_PUBLIC_KEY/);
  });

  it('refuses absurd timeouts and retry counts', () => {
    expect(() => loadAntomConfig({ ...env, ANTOM_TIMEOUT_MS: '0' })).toThrow(/ANTOM_TIMEOUT_MS/);
    expect(() => loadAntomConfig({ ...env, ANTOM_MAX_RETRIES: '50' })).toThrow(/ANTOM_MAX_RETRIES/);
  });

  it('says whether a gateway is configured', () => {
    expect(hasAntomGateway({})).toBe(false);
    expect(hasAntomGateway({ ANTOM_GATEWAY_URL: '  ' })).toBe(false);
    expect(hasAntomGateway(env)).toBe(true);
  });
});

describe('paths', () => {
  it('use /ams/sandbox/api for SANDBOX_ client ids, online only', () => {
    expect(apiPath('refund.online', 'SANDBOX_ABC')).toBe('/ams/sandbox/api/v1/payments/refund');
    expect(apiPath('inquiryRefund.online', 'SANDBOX_ABC')).toBe('/ams/sandbox/api/v1/payments/inquiryRefund');
    expect(apiPath('refund.online', 'LIVE_ABC')).toBe('/ams/api/v1/payments/refund');
    expect(apiPath('inquiryRefund.online', 'LIVE_ABC')).toBe('/ams/api/v1/payments/inquiryRefund');
    expect(apiPath('refund.inStore', 'SANDBOX_ABC')).toBe('/v2/payments/refund');
    expect(apiPath('inquiryRefund.inStore', 'LIVE')).toBe('/v2/payments/inquiryRefund');
    expect(apiPath('inquiryPayment.inStore', 'LIVE')).toBe('/v2/payments/inquiryPayment');
    expect(apiPath('inquiryPayment.online', 'LIVE')).toBe('/ams/api/v1/payments/inquiryPayment');
    expect(apiPath('inquiryPayment.online', 'SANDBOX_ABC')).toBe('/ams/sandbox/api/v1/payments/inquiryPayment');
  });

  it('map back from a path to its API', () => {
    expect(apiForPath('/ams/api/v1/payments/refund')).toBe('refund.online');
    expect(apiForPath('/ams/sandbox/api/v1/payments/inquiryRefund')).toBe('inquiryRefund.online');
    expect(apiForPath('/v2/payments/inquiryPayment')).toBe('inquiryPayment.inStore');
    expect(apiForPath('/ams/api/v1/payments/inquiryPayment')).toBe('inquiryPayment.online');
    expect(apiForPath('/v1/payments/refund')).toBeNull();
    expect(apiForPath('/ams/api/v1/payments/pay')).toBeNull();
  });
});
