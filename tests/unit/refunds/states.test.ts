// The refund state machine: every move the diagram in lib/refunds/states.ts draws, and none other,
// then properties (fast-check): final states are final, statesLeadingTo agrees with canTransition,
// and random walks through allowed moves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FINAL_STATUSES,
  OPEN_STATUSES,
  canTransition,
  holdsAmount,
  isFinal,
  statesLeadingTo,
  type RefundStatus,
} from '@/lib/refunds/states';

const ALL: RefundStatus[] = ['PENDING_APPROVAL', 'CREATED', 'PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED', 'CANCELLED'];

/** The moves the diagram draws (and the database's refunds_guard trigger allows). */
const DRAWN: [RefundStatus, RefundStatus][] = [
  ['PENDING_APPROVAL', 'CREATED'],
  ['PENDING_APPROVAL', 'CANCELLED'],
  ['CREATED', 'CANCELLED'],
  ['CREATED', 'PROCESSING'],
  ['CREATED', 'UNKNOWN'],
  ['CREATED', 'SUCCESS'],
  ['CREATED', 'FAILED'],
  ['UNKNOWN', 'PROCESSING'],
  ['UNKNOWN', 'SUCCESS'],
  ['UNKNOWN', 'FAILED'],
  ['PROCESSING', 'SUCCESS'],
  ['PROCESSING', 'FAILED'],
];

const status = fc.constantFrom(...ALL);

describe('refund states, by example', () => {
  it('allows exactly the moves the diagram draws', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => [from, to]));
    expect(allowed.sort()).toEqual([...DRAWN].sort());
  });

  it('never turns a PROCESSING refund into UNKNOWN; only an approval leads to CREATED; nothing goes back to waiting', () => {
    expect(canTransition('PROCESSING', 'UNKNOWN')).toBe(false);
    expect(statesLeadingTo('CREATED')).toEqual(['PENDING_APPROVAL']);
    expect(statesLeadingTo('PENDING_APPROVAL')).toEqual([]);
    expect([...statesLeadingTo('CANCELLED')].sort()).toEqual(['CREATED', 'PENDING_APPROVAL']);
  });

  it('no state moves to itself', () => {
    for (const s of ALL) expect(canTransition(s, s), s).toBe(false);
  });

  it('names the states a move may start from', () => {
    expect([...statesLeadingTo('PROCESSING')].sort()).toEqual(['CREATED', 'UNKNOWN']);
    expect(statesLeadingTo('UNKNOWN')).toEqual(['CREATED']);
    expect([...statesLeadingTo('SUCCESS')].sort()).toEqual(['CREATED', 'PROCESSING', 'UNKNOWN']);
    expect([...statesLeadingTo('FAILED')].sort()).toEqual(['CREATED', 'PROCESSING', 'UNKNOWN']);
  });

  it('SUCCESS, FAILED and CANCELLED are final; the others are open; together they are every state, once', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['CANCELLED', 'FAILED', 'SUCCESS']);
    expect([...OPEN_STATUSES].sort()).toEqual(['CREATED', 'PENDING_APPROVAL', 'PROCESSING', 'UNKNOWN']);
    expect([...FINAL_STATUSES, ...OPEN_STATUSES].sort()).toEqual([...ALL].sort());
    for (const s of ALL) expect(isFinal(s), s).toBe(FINAL_STATUSES.includes(s));
  });

  it('every state holds its amount except FAILED and CANCELLED', () => {
    expect(ALL.filter((s) => !holdsAmount(s)).sort()).toEqual(['CANCELLED', 'FAILED']);
  });
});

describe('refund states, as properties', () => {
  it('from SUCCESS, FAILED and CANCELLED no move is allowed, to any state', () => {
    fc.assert(
      fc.property(fc.constantFrom<RefundStatus>('SUCCESS', 'FAILED', 'CANCELLED'), status, (from, to) => {
        expect(canTransition(from, to)).toBe(false);
        expect(statesLeadingTo(to)).not.toContain(from);
      }),
    );
  });

  it('every open state can still move', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPEN_STATUSES), (from) => {
        expect(ALL.some((to) => canTransition(from, to))).toBe(true);
        expect(isFinal(from)).toBe(false);
      }),
    );
  });

  it('statesLeadingTo(to) holds `from` exactly when canTransition(from, to), for every pair', () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        expect(statesLeadingTo(to).includes(from)).toBe(canTransition(from, to));
      }),
    );
    // Forty-nine pairs: all of them, not only the ones drawn at random.
    for (const from of ALL)
      for (const to of ALL) expect(statesLeadingTo(to).includes(from), `${from} → ${to}`).toBe(canTransition(from, to));
  });

  it('a random walk of allowed moves that reaches a final state stays there, and never revisits a state', () => {
    // Each step tries a move to some state; a refused move leaves the refund where it is.
    fc.assert(
      fc.property(status, fc.array(status, { maxLength: 30 }), (start, attempts) => {
        let current = start;
        const visited = [start];
        let reachedFinal = isFinal(start) ? start : null;
        for (const to of attempts) {
          if (canTransition(current, to)) {
            expect(visited, `${current} → ${to} goes back`).not.toContain(to);
            current = to;
            visited.push(to);
          }
          if (reachedFinal) expect(current, `left ${reachedFinal} for ${to}`).toBe(reachedFinal);
          else if (isFinal(current)) reachedFinal = current;
        }
        // A walk moves at most from PENDING_APPROVAL through CREATED, UNKNOWN and PROCESSING to a final state.
        expect(visited.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 1000 },
    );
  });

  it('a walk that only takes allowed moves always ends in a final state, in at most four moves from PENDING_APPROVAL', () => {
    // Choosing among the allowed moves at every step (by index), until none is left.
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), (choices) => {
        let current: RefundStatus = 'PENDING_APPROVAL';
        let moves = 0;
        for (const choice of choices) {
          const next = ALL.filter((to) => canTransition(current, to));
          if (next.length === 0) break;
          current = next[choice % next.length]!;
          moves += 1;
        }
        expect(isFinal(current)).toBe(true);
        expect(moves).toBeLessThanOrEqual(4);
        expect(ALL.filter((to) => canTransition(current, to))).toEqual([]);
      }),
    );
  });
});
