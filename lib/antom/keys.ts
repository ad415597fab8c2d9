// Reading RSA keys from configuration. Antom's dashboard hands out keys as a bare base64 body
// (no PEM armour) while tools write PEM files, and .env files often carry PEM newlines as a literal
// "\n": accept all three so that pasting a key never needs hand-editing.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export class AntomKeyError extends Error {
  override name = 'AntomKeyError';
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function pemOrDer(text: string): { pem: string } | { der: Buffer } | null {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  if (trimmed.includes('-----BEGIN')) return { pem: trimmed };
  const compact = trimmed.replace(/\s+/g, '');
  return BASE64.test(compact) ? { der: Buffer.from(compact, 'base64') } : null;
}

function requireRsa(key: KeyObject, what: string): KeyObject {
  // Antom's keys are RSA 2048, both its own and the merchant's it registers: any other size or kind
  // is a configuration mistake (a key from another system), refused here rather than at Antom.
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits !== 2048) {
    const found = key.asymmetricKeyType === 'rsa' ? `RSA ${bits}` : `${key.asymmetricKeyType ?? 'unknown'}`;
    throw new AntomKeyError(`${what} must be an RSA 2048-bit key, as Antom uses; this one is ${found}.`);
  }
  return key;
}

/** A merchant private key: PEM (PKCS#8 or PKCS#1) or the base64 body of a PKCS#8 DER key. */
export function parsePrivateKey(text: string, what = 'The private key'): KeyObject {
  const source = pemOrDer(text);
  let key: KeyObject | undefined;
  try {
    if (source && 'pem' in source) key = createPrivateKey(source.pem);
    else if (source) {
      try {
        key = createPrivateKey({ key: source.der, format: 'der', type: 'pkcs8' });
      } catch {
        key = createPrivateKey({ key: source.der, format: 'der', type: 'pkcs1' });
      }
    }
  } catch {
    key = undefined;
  }
  // Never echo the value: it is a secret.
  if (!key) throw new AntomKeyError(`${what} is not a readable private key (PEM, or the base64 body of a PKCS#8 key).`);
  return requireRsa(key, what);
}

/** A public key: PEM (SPKI or PKCS#1) or the base64 body of an SPKI DER key. */
export function parsePublicKey(text: string, what = 'The public key'): KeyObject {
  const source = pemOrDer(text);
  let key: KeyObject | undefined;
  try {
    if (source && 'pem' in source) key = createPublicKey(source.pem);
    else if (source) {
      try {
        key = createPublicKey({ key: source.der, format: 'der', type: 'spki' });
      } catch {
        key = createPublicKey({ key: source.der, format: 'der', type: 'pkcs1' });
      }
    }
  } catch {
    key = undefined;
  }
  if (!key || key.type !== 'public')
    throw new AntomKeyError(`${what} is not a readable public key (PEM, or the base64 body of an SPKI key).`);
  return requireRsa(key, what);
}

/** The one-line base64 body Antom's dashboard uses, handy for .env files. */
export function privateKeyToBase64(key: KeyObject): string {
  return key.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

export function publicKeyToBase64(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}
