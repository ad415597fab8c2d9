// A node:http request body as text, up to a limit: what our plain node:http servers (the webhook
// ahead of Next.js, the Antom sandbox) read before anything else.
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
