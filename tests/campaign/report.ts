// The campaign's one table: attempts, outcomes, faults by kind, kills, times, differences.
import { CHECKS, type Difference } from './checks';

export interface KillRecord {
  what: string;
  atAttempt: number;
  /** How it went: restart time, interrupted attempts, exit code. */
  note: string;
}

export interface CampaignReport {
  seed: number;
  attempts: number;
  concurrency: number;
  makers: number;
  workers: number;
  database: string;
  /** Outcome as the caller saw it ("answered SUCCESS", "refused AMOUNT", "interrupted by a kill", ...) → count. */
  answers: Map<string, number>;
  /** Attempts answered (or cut off) per refund maker, by its index. */
  handledBy: number[];
  /** Notifications: Antom's deliveries and what we stored. */
  notifications: Map<string, number>;
  /** Our refunds by final state, after the quiet phase. */
  refundStates: Map<string, number>;
  payments: number;
  faults: Map<string, number>;
  kills: KillRecord[];
  attemptsSeconds: number;
  quietSeconds: number | null;
  totalSeconds: number;
  differences: Difference[];
  load: number[];
}

const count = (n: number) => n.toLocaleString('en-US');
const duration = (s: number) => (s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${(s % 60).toFixed(0)} s`);

export function renderReport(r: CampaignReport): string {
  const rows: ([string, string] | string)[] = [];
  const section = (title: string) => rows.push(title);
  const row = (label: string, value: string | number) =>
    rows.push([`  ${label}`, typeof value === 'number' ? count(value) : value]);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  section(`attempts: ${count(r.attempts)} on ${count(r.payments)} payments`);
  for (const [outcome, n] of sorted(r.answers)) row(outcome, n);
  const makers = Array.from({ length: r.makers }, (_, i) => i);
  row(`made by refund maker ${makers.join(' / ')}`, makers.map((i) => count(r.handledBy[i] ?? 0)).join(' / '));
  section(`refunds made: ${count([...r.refundStates.values()].reduce((a, b) => a + b, 0))}, by state at the end`);
  for (const [state, n] of sorted(r.refundStates)) row(state, n);
  section(`faults injected: ${count([...r.faults.values()].reduce((a, b) => a + b, 0))}`);
  for (const [kind, n] of r.faults) row(kind, n);
  section('notifications');
  for (const [what, n] of r.notifications) row(what, n);
  section(`kills: ${r.kills.length}`);
  for (const k of r.kills) row(`${k.what} at attempt ${count(k.atAttempt)}`, k.note);
  section('time');
  row('attempts phase', duration(r.attemptsSeconds));
  row('time to quiet', r.quietSeconds === null ? 'not quiet (see below)' : duration(r.quietSeconds));
  row('total', duration(r.totalSeconds));
  row('load average (1, 5 min)', r.load.map((l) => l.toFixed(2)).join(', '));
  section(`differences: ${count(r.differences.length)}`);
  for (const [check, title] of Object.entries(CHECKS))
    row(title, r.differences.filter((d) => d.check === check).length);
  const other = r.differences.filter((d) => d.check === 'run').length;
  row('other (processes, errors, double submits)', other);

  const width = Math.max(...rows.map((x) => (typeof x === 'string' ? x.length : x[0].length + x[1].length + 4)));
  const line = '─'.repeat(width);
  const title = `Fault campaign · seed ${r.seed} · ${r.makers} refund makers + ${r.workers} workers · ${r.concurrency} at a time · ${r.database}`;
  const body = rows.map((x) =>
    typeof x === 'string' ? x : `${x[0]}${' '.repeat(width - x[0].length - x[1].length)}${x[1]}`,
  );
  const out = [title, line, ...body, line];
  if (r.differences.length) {
    out.push(`Differences (${r.differences.length > 20 ? 'first 20 of ' : ''}${r.differences.length}):`);
    for (const d of r.differences.slice(0, 20))
      out.push(`  [${d.check === 'run' ? 'run' : CHECKS[d.check]}] ${d.detail}`);
  }
  return out.join('\n');
}
