import { metricsResponse } from '@/lib/ops/scrape';

// Prometheus scrapes here with `Authorization: Bearer METRICS_TOKEN`; anyone else is refused (lib/ops/scrape.ts).
// Not behind proxy.ts's sign-in redirect: a scraper has no session (see proxy.ts's matcher).
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return metricsResponse(request.headers.get('authorization'));
}
