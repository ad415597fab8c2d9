// One-time recovery codes for a lost authenticator: ten at enrolment, shown once.
//
// Stored as SHA-256, not argon2 like passwords. A password is chosen by a person and may be guessed
// from a dictionary, so its hash must be slow. These codes are 16 characters drawn at random from 32,
// 80 bits each: nobody can search 2^80 candidates whatever the hash, so a slow one would add no
// protection, only cost (ten argon2 verifications, 190 MiB and about half a second, for every code
// typed, a lever for anyone who wants to load the server). A digest also lets one conditional UPDATE
// find the code and mark it used, so a code works once even when two requests race with it.
import { createHash, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O or U, so a code read aloud or from paper is not mistyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `XXXX-XXXX-XXXX-XXXX`: 80 random bits. */
export function newRecoveryCode(): string {
  const chars = Array.from(randomBytes(16), (b) => ALPHABET[b & 31]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/** What was typed, as stored: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? code : null;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex');
}

/** Looks like a recovery code rather than a six-digit TOTP code. */
export function isRecoveryCodeShape(typed: string): boolean {
  return normalizeRecoveryCode(typed) !== null;
}
