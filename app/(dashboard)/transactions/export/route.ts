// GET /transactions/export?<the list's filters>: the filtered transactions list as CSV, streamed,
// named by its filters. Checks the session itself (a route handler is reachable without any page);
// exportPayments records the export in the audit log. An id search is not exported: it shows at most
// ten payments, and the filters are what the file is named by.
import { headers } from 'next/headers';
import { clientIp } from '@/lib/auth/client-ip';
import { routeUser } from '@/lib/auth/session';
import { csvFileName } from '@/lib/format/csv-file-name';
import { localDateOf, merchantTimeZone } from '@/lib/format/time-zone';
import { plainRefusal } from '@/lib/http/refusal';
import { exportPayments } from '@/lib/payments/csv-export';
import { parseTransactionParams } from '../search-params';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const user = await routeUser('read', 'Sign in to export transactions.');
  if (user instanceof Response) return user;

  const asked = Object.fromEntries(new URL(request.url).searchParams);
  const { filters, errors, values } = parseTransactionParams(asked);
  if (Object.keys(errors).length) return plainRefusal(400, `Not exported: ${Object.values(errors).join(' ')}`);
  const timeZone = merchantTimeZone();
  const body = await exportPayments(user, { filters, asked: values, ip: clientIp(await headers()), timeZone });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${csvFileName('transactions', values, localDateOf(new Date(), timeZone))}"`,
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  });
}
