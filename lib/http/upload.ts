// Pieces every file upload shares (Antom reports, bulk refund files): the file is streamed, never
// read whole, cut off past its size limit, and hashed as it passes (the same bytes are the same file).
import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

export interface MeteredStream {
  /** Pass-through: counts and hashes each chunk; fails with `tooLarge()` past `maxBytes`. */
  stream: Transform;
  bytes(): number;
  /** Hex SHA-256 of every byte that passed; call once, after the stream ended. */
  sha256(): string;
}

export function meteredStream(maxBytes: number, tooLarge: () => Error): MeteredStream {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        callback(tooLarge());
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, bytes: () => bytes, sha256: () => hash.digest('hex') };
}

/**
 * Whether an upload comes from the dashboard's own pages: no Origin header (same-origin navigation
 * of old browsers), or one naming the host the browser used. Behind a reverse proxy that host is the
 * forwarded one (as Next.js checks server actions). The session cookie is SameSite=Lax already;
 * route handlers that take uploads say so outright.
 */
export function fromOwnPages(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  try {
    const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed frame) or anything else that is not an address
  }
}

/** The file name the page sent (percent-encoded in x-file-name), or `fallback`. */
export function uploadFileName(request: Request, fallback: string): string {
  try {
    return decodeURIComponent(request.headers.get('x-file-name') ?? '').slice(0, 256) || fallback;
  } catch {
    return fallback; // not percent-encoded as the page sends it
  }
}
