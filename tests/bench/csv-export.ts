// The CSV export of about 100,000 refunds: a date range that holds that many, downloaded as a browser
// would (gzip accepted), timed to the last byte, while the Next.js server's memory is read from /proc.
import type { Db } from '../../lib/db/client';
import { localDateOf, merchantTimeZone, startOfLocalDay } from '../../lib/format/time-zone';
import { memoryOf } from './launch';

export interface ExportResult {
  rows: number;
  expectedRows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Peak sampled RSS minus the RSS just before the request. */
  memoryGrowthMb: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  /** The process's high-water mark after the export (the whole run's peak, not only this). */
  hwmAfterMb: number;
  /** All three downloads, for the CPU accounting around them. */
  totalSeconds: number;
}

const TARGET_ROWS = 100_000;

/** One download, timed to its last byte, with the server's RSS sampled every 20 ms meanwhile. */
async function download(url: string, cookie: string, nextPid: number) {
  const before = await memoryOf(nextPid);
  let peak = before.rssMb;
  const sampler = setInterval(() => {
    memoryOf(nextPid).then(
      (m) => (peak = Math.max(peak, m.rssMb)),
      () => {},
    );
  }, 20);
  const started = performance.now();
  let newlines = 0;
  try {
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok || !response.body) throw new Error(`The export answered HTTP ${response.status}.`);
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      // indexOf, not a byte-by-byte loop: this client shares the machine's two cores with the server.
      for (let i = chunk.value.indexOf(10); i !== -1; i = chunk.value.indexOf(10, i + 1)) newlines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = await memoryOf(nextPid);
  return { rows: newlines - 1, seconds, before: before.rssMb, peak: Math.max(peak, after.rssMb), hwm: after.hwmMb };
}

/** Three downloads (the machine is noisy): the median time, and the largest memory growth of the three. */
export async function measureCsvExport(
  db: Db,
  baseUrl: string,
  cookie: string,
  nextPid: number,
): Promise<ExportResult> {
  const zone = merchantTimeZone();
  const [edge] = await db.$queryRaw<{ created_at: Date }[]>`
    SELECT created_at FROM refunds ORDER BY created_at DESC OFFSET ${TARGET_ROWS - 1} LIMIT 1`;
  const from = localDateOf(edge!.created_at, zone);
  const counted = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM refunds WHERE created_at >= ${startOfLocalDay(from, zone)}`;
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await download(`${baseUrl}/refunds/export?from=${from}`, cookie, nextPid));
  const median = [...runs].sort((a, b) => a.seconds - b.seconds)[1]!;
  const growth = runs.reduce((max, r) => Math.max(max, r.peak - r.before), 0);
  return {
    rows: median.rows,
    expectedRows: Number(counted[0]!.n),
    seconds: median.seconds,
    rowsPerSecond: median.rows / median.seconds,
    memoryGrowthMb: growth,
    rssBeforeMb: runs[0]!.before,
    rssPeakMb: Math.max(...runs.map((r) => r.peak)),
    hwmAfterMb: runs[2]!.hwm,
    totalSeconds: runs.reduce((sum, r) => sum + r.seconds, 0),
  };
}
