// GET /volume-chart?period=…&currency=…&size=sm|md|lg: the overview's refund volume chart as an SVG
// image (components/charts/refund-volume-chart.tsx says why an image). Checks the session itself (a
// route handler is reachable without any page). With `v` (the page's hash of what it draws) the
// browser keeps it: the page asks for another address when the numbers change.
import { CHART_SIZES, chartMetric, volumeChartSvg } from '@/components/charts/refund-volume-chart';
import { routeUser } from '@/lib/auth/session';
import { plainRefusal } from '@/lib/http/refusal';
import { getRefundVolume, PERIODS, volumeSeries } from '@/lib/overview/queries';
import { overviewParams } from '../search-params';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const user = await routeUser('read', 'Sign in to see the overview.');
  if (user instanceof Response) return user;

  const asked = new URL(request.url).searchParams;
  const size = CHART_SIZES.find((s) => s.name === asked.get('size'));
  if (!size)
    return plainRefusal(400, `No such chart size: size is one of ${CHART_SIZES.map((s) => s.name).join(', ')}.`);
  const { period, currency } = overviewParams(Object.fromEntries(asked));
  const volume = await getRefundVolume(user, PERIODS[period], undefined, currency);
  return new Response(volumeChartSvg(volumeSeries(volume), chartMetric(volume.amountsIn), size), {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      // Private: the numbers are the merchant's. Without `v`, asked again each time.
      'cache-control': asked.has('v') ? 'private, max-age=86400, immutable' : 'private, no-cache',
      'x-content-type-options': 'nosniff',
      // Opened on its own, an SVG is a document: it may load and run nothing.
      'content-security-policy': "default-src 'none'",
    },
  });
}
