// What the e2e run's app and sandbox hold secret, read from where `npm start` keeps them (.data/), for the
// tests that must never find them in a log (log-scan.check.ts) and the one that starts a second app
// instance on the same sandbox (shutdown.spec.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DATA_DIR = path.resolve('.data');

function databaseName(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set: run the browser tests with `npm test -- e2e`.');
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The sandbox's key files (the merchant's private key and Antom's, and their public halves), by name. */
export function sandboxKeyPems(): Record<string, string> {
  const dir = path.join(DATA_DIR, 'sandbox', databaseName(), 'keys');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.pem'))
      .map((f) => [f.replace(/\.pem$/, ''), readFileSync(path.join(dir, f), 'utf8')]),
  );
}

/** A PEM's base64 body on one line (how ANTOM_MERCHANT_PRIVATE_KEY may be given). */
export function pemBody(pem: string): string {
  return pem
    .split('\n')
    .filter((line) => line && !line.startsWith('-----'))
    .join('');
}

/** The session signing secret npm start keeps when AUTH_SECRET is unset. */
export function localAuthSecret(): string {
  return readFileSync(path.join(DATA_DIR, 'auth-secret'), 'utf8').trim();
}
