// Load over HTTP with autocannon, and the statistics every row of the report shares. autocannon's own
// summary has no p95, so each response's time is recorded and the percentiles computed here.
import autocannon, { type Request } from 'autocannon';

export interface Timing {
  /** Completed operations (HTTP responses, engine calls). */
  count: number;
  /** Responses that were not 2xx, transport errors and timeouts: any of them fails the row. */
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function timingOf(latenciesMs: number[], seconds: number, failures: number): Timing {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    failures,
    seconds,
    perSecond: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds of load; or `amount` responses. */
  duration?: number;
  amount?: number;
  headers?: Record<string, string>;
  /** Sent in turn by each connection (e.g. one id after another). */
  requests?: Request[];
}

export async function httpLoad(options: LoadOptions): Promise<Timing> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const run = autocannon({ timeout: 30, ...options });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
    else failures++;
  });
  const result = await run;
  const seconds = (performance.now() - started) / 1000;
  return timingOf(latencies, seconds, failures + result.errors + result.timeouts);
}

/** Runs `task` for each item with at most `concurrency` at once; times each call. */
export async function concurrentLoad<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<Timing> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  let firstError: unknown;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const t = performance.now();
      try {
        await task(item);
        latencies.push(performance.now() - t);
      } catch (error) {
        failures++;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (firstError) console.error('  first failure:', firstError instanceof Error ? firstError.message : firstError);
  return timingOf(latencies, (performance.now() - started) / 1000, failures);
}
