import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  contentToSign,
  formatSignatureHeader,
  parseSignatureHeader,
  parseSignedTime,
  signContent,
  signedHeaders,
  verifySignature,
  type SignatureInput,
} from '../../../lib/antom/signing';
import { KEY_FILES, PEMS } from '../../fixtures/antom';

const merchantPrivate = createPrivateKey(PEMS.merchantPrivate);
const merchantPublic = createPublicKey(PEMS.merchantPublic);
const antomPublic = createPublicKey(PEMS.antomPublic);

const base: SignatureInput = {
  method: 'POST',
  path: '/ams/api/v1/payments/refund',
  clientId: 'SANDBOX_5YEZ3E2ZDA7N06432',
  time: '1685599933871',
  body: '{"refundRequestId":"RFD_1","paymentId":"P1","refundAmount":{"value":"1000","currency":"USD"}}',
};

function message(input: SignatureInput, header: string | undefined) {
  return {
    method: input.method,
    path: input.path,
    clientId: input.clientId,
    time: input.time,
    body: input.body,
    signatureHeader: header,
  };
}

const header = (input: SignatureInput) => formatSignatureHeader(signContent(input, merchantPrivate), 1);

const tmp = mkdtempSync(path.join(tmpdir(), 'antom-sign-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function opensslVerify(content: string, signatureBase64: string, publicKeyFile: string): string {
  const contentFile = path.join(tmp, 'content.txt');
  const sigFile = path.join(tmp, 'sig.bin');
  writeFileSync(contentFile, content, 'utf8');
  writeFileSync(sigFile, Buffer.from(signatureBase64, 'base64'));
  return execFileSync('openssl', ['dgst', '-sha256', '-verify', publicKeyFile, '-signature', sigFile, contentFile], {
    encoding: 'utf8',
  }).trim();
}

describe('the content Antom signs', () => {
  it('is "<METHOD> <path>\\n<client-id>.<time>.<body>"', () => {
    expect(contentToSign(base)).toBe(
      `POST /ams/api/v1/payments/refund\nSANDBOX_5YEZ3E2ZDA7N06432.1685599933871.${base.body}`,
    );
  });
});

describe('signing round trips', () => {
  it('verifies its own signature and the header has the documented shape', () => {
    const h = header(base);
    expect(h).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
    expect(verifySignature(message(base, h), merchantPublic, base.clientId)).toEqual({
      verdict: 'VALID',
      keyVersion: '1',
    });
  });

  it('signs the exact UTF-8 bytes of a body with non-ASCII text', () => {
    const input = { ...base, body: '{"refundReason":"退款 – café ✓ 🎁","memo":"Ünïcödé"}' };
    const h = header(input);
    expect(verifySignature(message(input, h), merchantPublic)).toMatchObject({ verdict: 'VALID' });
    const raw = parseSignatureHeader(h)!.signature;
    expect(
      cryptoVerify('sha256', Buffer.from(contentToSign(input), 'utf8'), merchantPublic, Buffer.from(raw, 'base64')),
    ).toBe(true);
    expect(opensslVerify(contentToSign(input), raw, KEY_FILES.merchantPublic)).toBe('Verified OK');
  });

  it('URL-encodes + / = and decodes them back, and openssl agrees with every such signature', () => {
    // RSA PKCS#1 v1.5 is deterministic: search bodies until a signature holds all three characters.
    let found: { input: SignatureInput; raw: string } | undefined;
    for (let i = 0; i < 200 && !found; i++) {
      const input = { ...base, body: `{"n":${i}}` };
      const raw = signContent(input, merchantPrivate);
      if (raw.includes('+') && raw.includes('/') && raw.includes('=')) found = { input, raw };
    }
    expect(found).toBeDefined();
    const { input, raw } = found!;
    const h = formatSignatureHeader(raw, 1);
    expect(h).toContain('%2B');
    expect(h).toContain('%2F');
    expect(h).toContain('%3D');
    expect(h).not.toMatch(/signature=.*[+/=]/);
    expect(parseSignatureHeader(h)!.signature).toBe(raw);
    expect(verifySignature(message(input, h), merchantPublic)).toMatchObject({ verdict: 'VALID' });
    expect(opensslVerify(contentToSign(input), raw, KEY_FILES.merchantPublic)).toBe('Verified OK');
  });

  it('verifies a signature made by openssl (the independent signer)', () => {
    const input = { ...base, body: '{"refundId":"2021080419401080130018866020092XXXX","note":"naïve"}' };
    const contentFile = path.join(tmp, 'to-sign.txt');
    writeFileSync(contentFile, contentToSign(input), 'utf8');
    const sig = execFileSync('openssl', ['dgst', '-sha256', '-sign', KEY_FILES.merchantPrivate, contentFile]).toString(
      'base64',
    );
    expect(sig).toBe(signContent(input, merchantPrivate)); // deterministic: byte-identical
    expect(verifySignature(message(input, formatSignatureHeader(sig, 2)), merchantPublic)).toEqual({
      verdict: 'VALID',
      keyVersion: '2',
    });
  });

  it('builds the request headers a call carries', () => {
    const headers = signedHeaders(base, merchantPrivate, 3);
    expect(Object.keys(headers).sort()).toEqual(['client-id', 'request-time', 'signature']);
    expect(headers['client-id']).toBe(base.clientId);
    expect(headers['request-time']).toBe(base.time);
    expect(headers.signature).toMatch(/^algorithm=RSA256,keyVersion=3,signature=/);
    expect(Object.keys(signedHeaders(base, merchantPrivate, 1, 'response-time'))).toContain('response-time');
  });

  it('accepts a signature header whose + was left unencoded (still base64, not a space)', () => {
    const raw = signContent(base, merchantPrivate);
    const h = `algorithm=RSA256,keyVersion=1,signature=${raw.replaceAll('/', '%2F').replaceAll('=', '%3D')}`;
    expect(verifySignature(message(base, h), merchantPublic)).toMatchObject({ verdict: 'VALID' });
  });
});

describe('what verification rejects', () => {
  const h = header(base);

  it('a tampered body, even by one character', () => {
    const r = verifySignature({ ...message(base, h), body: base.body.replace('1000', '1001') }, merchantPublic);
    expect(r).toEqual({ verdict: 'INVALID', reason: 'signature does not match' });
  });

  it('another path (the same body signed for a different API)', () => {
    expect(
      verifySignature({ ...message(base, h), path: '/ams/api/v1/payments/inquiryRefund' }, merchantPublic).verdict,
    ).toBe('INVALID');
    expect(
      verifySignature({ ...message(base, h), path: '/ams/sandbox/api/v1/payments/refund' }, merchantPublic).verdict,
    ).toBe('INVALID');
  });

  it('another method, client id or request-time', () => {
    expect(verifySignature({ ...message(base, h), method: 'GET' }, merchantPublic).verdict).toBe('INVALID');
    expect(verifySignature({ ...message(base, h), clientId: 'OTHER' }, merchantPublic).verdict).toBe('INVALID');
    expect(verifySignature({ ...message(base, h), time: '1685599933872' }, merchantPublic).verdict).toBe('INVALID');
  });

  it('the wrong key', () => {
    expect(verifySignature(message(base, h), antomPublic).verdict).toBe('INVALID');
  });

  it('a client id other than the expected one, even when correctly signed', () => {
    expect(verifySignature(message(base, h), merchantPublic, 'MY_CLIENT')).toEqual({
      verdict: 'INVALID',
      reason: 'client-id does not match ours',
    });
  });

  it('missing headers', () => {
    expect(verifySignature(message(base, undefined), merchantPublic)).toEqual({ verdict: 'MISSING' });
    expect(verifySignature(message(base, ''), merchantPublic)).toEqual({ verdict: 'MISSING' });
    expect(verifySignature({ ...message(base, h), clientId: undefined }, merchantPublic).verdict).toBe('INVALID');
    expect(verifySignature({ ...message(base, h), time: undefined }, merchantPublic).verdict).toBe('INVALID');
  });

  it('malformed or foreign signature headers', () => {
    for (const bad of [
      'nonsense',
      'algorithm=RSA256,keyVersion=1',
      'algorithm=RSA256,signature=%%%',
      'algorithm=RSA256,signature=not base64!',
    ]) {
      expect(verifySignature(message(base, bad), merchantPublic).verdict).toBe('INVALID');
    }
    const sha1 = h.replace('RSA256', 'RSA');
    expect(verifySignature(message(base, sha1), merchantPublic)).toEqual({
      verdict: 'INVALID',
      reason: 'unsupported algorithm RSA',
    });
  });

  it('an empty signature value', () => {
    expect(verifySignature(message(base, 'algorithm=RSA256,keyVersion=1,signature='), merchantPublic).verdict).toBe(
      'INVALID',
    );
  });
});

describe('request-time and response-time', () => {
  it('accept epoch milliseconds (the docs) and ISO 8601 (the Python SDK)', () => {
    expect(parseSignedTime('1685599933871')?.toISOString()).toBe('2023-06-01T06:12:13.871Z');
    expect(parseSignedTime('2019-05-28T12:12:14+08:00')?.toISOString()).toBe('2019-05-28T04:12:14.000Z');
    expect(parseSignedTime('2026-04-10T03:04:44Z')).not.toBeNull();
  });

  it('refuse what is not a time', () => {
    for (const t of ['', 'yesterday', '12:00', '2019-13-45T99:99:99Z', '1e12']) expect(parseSignedTime(t)).toBeNull();
  });

  it('verify with an ISO request-time as well', () => {
    const input = { ...base, time: '2019-05-28T12:12:14+08:00' };
    expect(verifySignature(message(input, header(input)), merchantPublic)).toMatchObject({ verdict: 'VALID' });
  });
});
