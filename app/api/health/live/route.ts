// Liveness: the process is up and answering. Never reads the database, so a database outage does not
// get healthy instances restarted (readiness, /api/health/ready, takes them out of rotation instead).
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
