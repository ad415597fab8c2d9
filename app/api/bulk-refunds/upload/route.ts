// POST /api/bulk-refunds/upload: a REFUNDER (or ADMIN) uploads one bulk refund file as the request body
// (its name in x-file-name); it is dry-run streamed, never read whole, and refused past 5 MB or
// 10,000 rows. Nothing is reserved or sent: the answer names the batch, whose page asks to confirm.
// Not behind proxy.ts (which would buffer the body): checks the session and the role itself;
// dryRun authorizes again.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { can } from '@/lib/auth/roles';
import { getSessionUser } from '@/lib/auth/session';
import { BatchFileRefused, MAX_BATCH_BYTES } from '@/lib/bulk-refunds';
import { appBulkRefunds } from '@/lib/bulk-refunds/app';
import { fromOwnPages, uploadFileName } from '@/lib/http/upload';

export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

export async function POST(request: Request) {
  if (!fromOwnPages(request)) return json(403, { error: 'Uploads come from the dashboard itself.' });
  const user = await getSessionUser();
  if (!user) return json(401, { error: 'Sign in to upload a bulk refund file.' });
  if (!can(user.role, 'refund')) return json(403, { error: 'Your role does not allow refunds.' });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BATCH_BYTES)
    return json(413, { error: `The file is larger than ${MAX_BATCH_BYTES / 1024 / 1024} MB.` });
  if (!request.body) return json(400, { error: 'No file was sent.' });
  try {
    const result = await appBulkRefunds.dryRun(user, Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), {
      fileName: uploadFileName(request, 'refunds.csv'),
    });
    return json(200, result);
  } catch (error) {
    if (error instanceof BatchFileRefused) return json(422, { error: error.message });
    console.error('[bulk refunds upload] failed:', error);
    return json(500, {
      error: 'The dry run failed and nothing was changed. Try again, or ask an admin to check the logs.',
    });
  }
}
