// GET /refunds/export?<the list's filters>: the filtered refund list as CSV, streamed. Checks the
// session itself (a route handler is reachable without any page), answers 401 / 403 without a body
// worth caching, and records the export in the audit log.
import { headers } from 'next/headers';
import { writeAudit } from '@/lib/audit/log';
import { clientIp } from '@/lib/auth/client-ip';
import { can } from '@/lib/auth/roles';
import { getSessionUser } from '@/lib/auth/session';
import { prisma } from '@/lib/db';
import { localDateOf, merchantTimeZone } from '@/lib/format/time-zone';
import { refundCsvStream } from '@/lib/refunds/csv-export';
import { parseRefundParams } from '../search-params';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user)
    return new Response('Sign in to export refunds.\n', {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  if (!can(user.role, 'read'))
    return new Response('Your role does not allow this.\n', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });

  const url = new URL(request.url);
  const { filters, errors } = parseRefundParams(Object.fromEntries(url.searchParams));
  if (Object.keys(errors).length) {
    return new Response(`Not exported: ${Object.values(errors).join(' ')}\n`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  await writeAudit(prisma, {
    actorType: 'USER',
    actorId: user.id,
    action: 'refunds.exported',
    details: { filters: Object.fromEntries(url.searchParams) },
    ip: clientIp(await headers()),
  });
  const timeZone = merchantTimeZone();
  const body = await refundCsvStream(filters, { timeZone });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="refunds-${localDateOf(new Date(), timeZone)}.csv"`,
      // Never stored (refund data), and delivered byte for byte as written: no proxy or server
      // compression rewrites it (Next.js's own gzip honours no-transform).
      'cache-control': 'no-store, no-transform',
      'x-content-type-options': 'nosniff',
    },
  });
}
