// GET /refunds/export?<the list's filters>: the filtered refund list as CSV, streamed. Checks the
// session itself (a route handler is reachable without any page), answers 401 / 403 without a body
// worth caching; exportRefunds records the export in the audit log.
import { plainRefusal } from '@/lib/http/refusal';
import { headers } from 'next/headers';
import { clientIp } from '@/lib/auth/client-ip';
import { routeUser } from '@/lib/auth/session';
import { csvFileName } from '@/lib/format/csv-file-name';
import { localDateOf, merchantTimeZone } from '@/lib/format/time-zone';
import { exportRefunds } from '@/lib/refunds/read/csv-export';
import { parseRefundParams } from '../search-params';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const user = await routeUser('read', 'Sign in to export refunds.');
  if (user instanceof Response) return user;

  const url = new URL(request.url);
  const asked = Object.fromEntries(url.searchParams);
  const { filters, errors, values } = parseRefundParams(asked);
  if (Object.keys(errors).length) return plainRefusal(400, `Not exported: ${Object.values(errors).join(' ')}`);
  const timeZone = merchantTimeZone();
  const body = await exportRefunds(user, { filters, asked, ip: clientIp(await headers()), timeZone });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      // Named by what it holds: refunds_status-FAILED_2026-12-01..2026-12-03.csv
      'content-disposition': `attachment; filename="${csvFileName('refunds', values, localDateOf(new Date(), timeZone))}"`,
      // Never stored (refund data), and delivered byte for byte as written: no proxy or server
      // compression rewrites it (Next.js's own gzip honours no-transform).
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  });
}
