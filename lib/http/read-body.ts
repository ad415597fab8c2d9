// A request body as text, up to a limit: what our servers (the notification door, the Antom
// sandbox) read before anything else.
import type { IncomingMessage } from 'node:http';

/** The body as UTF-8 text, or null when it is larger than `maxBytes` (the rest is drained, not kept). */
export function readBodyUpTo(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The same for a fetch Request (route handlers): stops reading once past `maxBytes`. */
export async function readWebBodyUpTo(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
