import { hash, verify } from '@node-rs/argon2';
import { ARGON2ID } from './password-options';

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

// Verifying against a real hash when the account does not exist keeps the answer's timing the same
// whether or not the email is known.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hashPassword('not-a-real-password-0000')));
  try {
    return (await verify(target, password)) && passwordHash !== null;
  } catch {
    return false;
  }
}
