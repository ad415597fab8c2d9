// The /api/metrics answer: refused without METRICS_TOKEN, else every series in Prometheus's text format,
// the database gauges read now on the app's own pool.
import 'server-only';
import { poolOf } from '../db/client';
import { prisma } from '../db';
import { plainRefusal } from '../http/refusal';
import { env } from '../env';
import { metrics } from './metrics';
import { hasMetricsToken } from './token';

export async function metricsResponse(authorization: string | null): Promise<Response> {
  if (!env().METRICS_TOKEN) return plainRefusal(404, 'Metrics are off: set METRICS_TOKEN to turn them on.');
  if (!hasMetricsToken(authorization)) {
    const refusal = plainRefusal(401, 'Metrics need the bearer token (METRICS_TOKEN).');
    refusal.headers.set('www-authenticate', 'Bearer');
    return refusal;
  }
  const m = metrics();
  m.setDatabase(() => poolOf(prisma));
  return new Response(await m.registry.metrics(), {
    headers: { 'content-type': m.registry.contentType, 'cache-control': 'no-store' },
  });
}
