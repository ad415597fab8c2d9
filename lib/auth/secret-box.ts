// Encrypts the TOTP secrets stored in users.totp_secret and users.totp_pending_secret: AES-256-GCM
// with a key derived (HKDF-SHA256) from AUTH_SECRET, bound to the user's id, so a database dump or
// a backup alone does not give anyone a working authenticator, and a secret copied onto another
// user's row does not decrypt. Changing AUTH_SECRET makes the stored secrets unreadable: those people
// sign in with a recovery code, or an admin resets their second factor (.env.example says so).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { env } from '../env';

const VERSION = 'v1';

function key(): Buffer {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set: two-factor secrets cannot be encrypted without it.');
  return Buffer.from(hkdfSync('sha256', secret, 'antom-refunds', 'totp-secret/v1', 32));
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url, for this user only. */
export function sealSecret(plain: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, body, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The secret, or null when it does not open (another key, another user's row, tampered). */
export function openSecret(sealed: string, userId: string): string | null {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
