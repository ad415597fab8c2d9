// GET /reconciliation/export?from=&to=: the range's differences (open and explained) as CSV, with what
// each means and what to do. Checks the session itself; any role that may read.
import { can } from '@/lib/auth/roles';
import { getSessionUser } from '@/lib/auth/session';
import { appReports } from '@/lib/reports/app';
import { readRange } from '../range';

export const dynamic = 'force-dynamic';

const refusal = (status: number, text: string) =>
  new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return refusal(401, 'Sign in to export the reconciliation.');
  if (!can(user.role, 'read')) return refusal(403, 'Your role does not allow this.');
  const { from, to, errors } = readRange(Object.fromEntries(new URL(request.url).searchParams));
  if (errors.from || errors.to)
    return refusal(400, `Not exported: ${[errors.from, errors.to].filter(Boolean).join(' ')}`);
  const body = await appReports.differencesCsv(user, { from, to });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="reconciliation-${from}-${to}.csv"`,
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  });
}
