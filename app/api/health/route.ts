import { NextResponse } from 'next/server';
import { databaseHealth } from '@/lib/db/health';

// Public on purpose: load balancers and the launcher poll it. It says only whether the app can serve
// (the database answers and every migration is applied), never which migrations a deployment has
// (issue 14, gap 10): operators read those with `npm run db:migrate`.
export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await databaseHealth();
  const ok =
    health.database === 'up' && health.migrations.pending.length === 0 && health.migrations.failed.length === 0;
  return NextResponse.json({ status: ok ? 'ok' : 'degraded', database: health.database }, { status: ok ? 200 : 503 });
}
