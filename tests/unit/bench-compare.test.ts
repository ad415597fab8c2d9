// npm run bench:compare: p95 of the second run over the first, per page; pages must stay within 1.2.
import { describe, expect, it } from 'vitest';
import { combineRuns, compareRuns, MAX_RATIO } from '../bench/compare';
import type { Row } from '../bench/report';

const row = (name: string, p95: number, kind?: string): Row => ({
  name,
  kind,
  connections: 1,
  timing: { count: 100, failures: 0, seconds: 10, perSecond: 10, p50: p95 / 2, p95, p99: p95 },
  checks: [],
});

describe('bench:compare', () => {
  it('holds every page within the ratio and only shows the other rows', () => {
    const a = { stamp: 'a', rows: [row('list', 10, 'list'), row('overview', 20, 'overview'), row('export', 1)] };
    const b = { stamp: 'b', rows: [row('list', 12, 'list'), row('overview', 30, 'overview'), row('export', 9)] };
    const { rows, missing } = compareRuns(a, b);
    expect(MAX_RATIO).toBe(1.2);
    expect(rows.map((r) => [r.name, Number(r.ratio.toFixed(2)), r.pass])).toEqual([
      ['list', 1.2, true],
      ['overview', 1.5, false],
      ['export', 9, null],
    ]);
    expect(missing).toEqual([]);
  });

  it('counts a page missing from the second run as a miss', () => {
    const { rows, missing } = compareRuns({ stamp: 'a', rows: [row('detail', 5, 'detail')] }, { stamp: 'b', rows: [] });
    expect(rows).toEqual([]);
    expect(missing).toEqual(['detail']);
  });

  it('takes the median of several runs of one side, for the pages every run has', () => {
    const runs = [
      { stamp: 'a1', rows: [row('list', 10, 'list'), row('detail', 4, 'detail')] },
      { stamp: 'a2', rows: [row('list', 30, 'list')] },
      { stamp: 'a3', rows: [row('list', 12, 'list'), row('detail', 5, 'detail')] },
    ];
    const combined = combineRuns(runs);
    expect(combined.stamp).toBe('a1, a2, a3');
    expect(combined.rows.map((r) => [r.name, r.timing.p95])).toEqual([['list', 12]]);
    expect(combineRuns(runs.slice(0, 2)).rows[0]!.timing.p95).toBe(20);
  });
});
