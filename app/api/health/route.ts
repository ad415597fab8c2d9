import { NextResponse } from 'next/server';
import { databaseHealth } from '@/lib/db/health';

// Public on purpose: load balancers and the launcher poll it. It reveals no data, only whether the
// database answers and which migrations it has.
export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await databaseHealth();
  const ok =
    health.database === 'up' && health.migrations.pending.length === 0 && health.migrations.failed.length === 0;
  return NextResponse.json(
    { status: ok ? 'ok' : 'degraded', ...health },
    { status: health.database === 'up' ? (ok ? 200 : 503) : 503 },
  );
}
