// GET /bulk-refunds/<id>/result: the batch's result as CSV, one line per row of the uploaded file (row,
// refundRequestId, state, result code, what to do). Checks the session itself; any role that may read.
import { plainRefusal } from '@/lib/http/refusal';
import { routeUser } from '@/lib/auth/session';
import { appBulkRefunds } from '@/lib/bulk-refunds/app';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  const user = await routeUser('read', 'Sign in to download the result.');
  if (user instanceof Response) return user;
  const { batchId } = await params;
  const batch = await appBulkRefunds.get(user, batchId);
  if (!batch) return plainRefusal(404, 'There is no such batch.');
  const body = await appBulkRefunds.resultCsv(user, batch.id);
  const name =
    batch.fileName
      .replace(/\.csv$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 80) || 'batch';
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}-result.csv"`,
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  });
}
