import { readiness } from '@/lib/ops/health';

// Readiness, for load balancers and orchestrators: 200 when this instance can serve (database up, every
// migration applied, Antom's key loaded, not shutting down), else 503. Public: it says only ok or not;
// with `Authorization: Bearer METRICS_TOKEN` it adds which check failed (lib/ops/health.ts).
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const { ready, body } = await readiness(request.headers.get('authorization'));
  return Response.json(body, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
