// Antom's message signature, both directions: RSA 2048, SHA256withRSA (PKCS#1 v1.5) over
// `<METHOD> <path>\n<client-id>.<time>.<body>`, base64 then URL-encoded, sent as
// `signature: algorithm=RSA256,keyVersion=N,signature=...`. Requests carry `request-time`, responses
// `response-time`; the time is signed as the literal header text, so its format (epoch ms in the docs,
// ISO 8601 from the Python SDK) only matters for checking that it is a time at all.
import { sign as rsaSign, verify as rsaVerify, type KeyObject } from 'node:crypto';

export const SIGNATURE_ALGORITHM = 'RSA256';

export interface SignatureInput {
  method: string;
  /** The request path as sent, e.g. /ams/api/v1/payments/refund (with its query, if any). */
  path: string;
  clientId: string;
  /** The request-time / response-time header, exactly as sent. */
  time: string;
  /** The exact body text that goes on the wire. */
  body: string;
}

export function contentToSign({ method, path, clientId, time, body }: SignatureInput): string {
  return `${method.toUpperCase()} ${path}\n${clientId}.${time}.${body}`;
}

/** The raw base64 signature (not yet URL-encoded). */
export function signContent(input: SignatureInput, privateKey: KeyObject): string {
  return rsaSign('sha256', Buffer.from(contentToSign(input), 'utf8'), privateKey).toString('base64');
}

export function formatSignatureHeader(signatureBase64: string, keyVersion: number): string {
  // encodeURIComponent turns + / = into %2B %2F %3D exactly as Python's quote_plus and Go's
  // url.QueryEscape do for base64 text, which is all a signature contains.
  return `algorithm=${SIGNATURE_ALGORITHM},keyVersion=${keyVersion},signature=${encodeURIComponent(signatureBase64)}`;
}

/** The headers a signed request (or response, with `response-time`) carries. */
export function signedHeaders(
  input: SignatureInput,
  privateKey: KeyObject,
  keyVersion: number,
  timeHeader: 'request-time' | 'response-time' = 'request-time',
): Record<string, string> {
  return {
    'client-id': input.clientId,
    [timeHeader]: input.time,
    signature: formatSignatureHeader(signContent(input, privateKey), keyVersion),
  };
}

export interface ParsedSignatureHeader {
  algorithm: string;
  keyVersion: string | null;
  /** Decoded base64. */
  signature: string;
}

/** Null when the header is not of the form algorithm=...,keyVersion=...,signature=... */
export function parseSignatureHeader(value: string | null | undefined): ParsedSignatureHeader | null {
  if (!value) return null;
  const fields = new Map<string, string>();
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) return null;
    fields.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  const algorithm = fields.get('algorithm');
  const encoded = fields.get('signature');
  if (!algorithm || !encoded) return null;
  let signature: string;
  try {
    // Plain decodeURIComponent, not form decoding: a '+' left unencoded by a sender is base64, not a space.
    signature = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return null;
  return { algorithm, keyVersion: fields.get('keyversion') ?? null, signature };
}

/** Epoch milliseconds (as the docs show) or ISO 8601 (as the Python SDK sends); null otherwise. */
export function parseSignedTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d{10,16}$/.test(text)) {
    const n = Number(text);
    // Ten digits are epoch seconds; more are milliseconds (or finer, which we do not expect).
    return new Date(text.length === 10 ? n * 1000 : n);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

export type SignatureCheck =
  { verdict: 'VALID'; keyVersion: string | null } | { verdict: 'MISSING' } | { verdict: 'INVALID'; reason: string };

export interface SignedMessage {
  method: string;
  path: string;
  clientId: string | null | undefined;
  time: string | null | undefined;
  body: string;
  signatureHeader: string | null | undefined;
}

/**
 * Verifies a signed request, response or notification. Fails closed: anything short of a good
 * RSA256 signature by `publicKey`, over this path and body, from `expectedClientId`, is not VALID.
 */
export function verifySignature(
  message: SignedMessage,
  publicKey: KeyObject,
  expectedClientId?: string,
): SignatureCheck {
  if (!message.signatureHeader) return { verdict: 'MISSING' };
  const parsed = parseSignatureHeader(message.signatureHeader);
  if (!parsed) return { verdict: 'INVALID', reason: 'malformed signature header' };
  if (parsed.algorithm.toUpperCase() !== SIGNATURE_ALGORITHM)
    return { verdict: 'INVALID', reason: `unsupported algorithm ${parsed.algorithm}` };
  if (!message.clientId) return { verdict: 'INVALID', reason: 'missing client-id header' };
  if (expectedClientId !== undefined && message.clientId !== expectedClientId) {
    return { verdict: 'INVALID', reason: 'client-id does not match ours' };
  }
  if (!message.time || !parseSignedTime(message.time))
    return { verdict: 'INVALID', reason: 'missing or unreadable time header' };
  const content = contentToSign({
    method: message.method,
    path: message.path,
    clientId: message.clientId,
    time: message.time,
    body: message.body,
  });
  const ok = rsaVerify('sha256', Buffer.from(content, 'utf8'), publicKey, Buffer.from(parsed.signature, 'base64'));
  return ok
    ? { verdict: 'VALID', keyVersion: parsed.keyVersion }
    : { verdict: 'INVALID', reason: 'signature does not match' };
}
