// GET /reconciliation/export?from=&to=: the range's differences (open and explained) as CSV, with what
// each means and what to do. Checks the session itself; any role that may read.
import { plainRefusal } from '@/lib/http/refusal';
import { routeUser } from '@/lib/auth/session';
import { csvFileName } from '@/lib/format/csv-file-name';
import { appReports } from '@/lib/reports/app';
import { readRange } from '../range';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const user = await routeUser('read', 'Sign in to export the reconciliation.');
  if (user instanceof Response) return user;
  const { from, to, errors } = readRange(Object.fromEntries(new URL(request.url).searchParams));
  if (errors.from || errors.to)
    return plainRefusal(400, `Not exported: ${[errors.from, errors.to].filter(Boolean).join(' ')}`);
  const body = await appReports.differencesCsv(user, { from, to });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      // Named like every export: reconciliation_2026-12-01..2026-12-03.csv
      'content-disposition': `attachment; filename="${csvFileName('reconciliation', { from, to }, to)}"`,
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  });
}
