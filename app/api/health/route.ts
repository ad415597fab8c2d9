import { GET as ready } from './ready/route';

// The readiness check under its first address (load balancers and `npm start`'s launcher poll it):
// the same answer as /api/health/ready. Liveness is /api/health/live.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return ready(request);
}
