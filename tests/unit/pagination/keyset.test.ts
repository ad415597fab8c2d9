import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, finishPage, reachedTop } from '../../../lib/pagination/keyset';

const schema = z.tuple([z.number(), z.string()]);
const cursorOf = (n: number) => encodeCursor([n, `id${n}`]);

describe('keyset pages', () => {
  it('reads back its own cursors and refuses mangled ones', () => {
    expect(decodeCursor(encodeCursor([5, 'a']), schema)).toEqual([5, 'a']);
    expect(decodeCursor('garbage', schema)).toBeNull();
    expect(decodeCursor(encodeCursor(['5', 'a']), schema)).toBeNull();
    expect(decodeCursor(undefined, schema)).toBeNull();
    expect(decodeCursor('x'.repeat(600), schema)).toBeNull();
  });

  it('uses the extra row only to know there is a next page', () => {
    const page = finishPage([1, 2, 3, 4], 3, 'first', cursorOf);
    expect(page).toEqual({ rows: [1, 2, 3], nextCursor: cursorOf(3), prevCursor: null });
    expect(finishPage([1, 2], 3, 'after', cursorOf)).toEqual({
      rows: [1, 2],
      nextCursor: null,
      prevCursor: cursorOf(1),
    });
  });

  it('flips a page read backwards into list order', () => {
    // Fetched nearest-first going back: 7, 6, 5, (4 = there is more before).
    const page = finishPage([7, 6, 5, 4], 3, 'before', cursorOf);
    expect(page).toEqual({ rows: [5, 6, 7], prevCursor: cursorOf(5), nextCursor: cursorOf(7) });
    const top = finishPage([2, 1], 3, 'before', cursorOf);
    expect(top.prevCursor).toBeNull();
    expect(reachedTop(top, 'before', 3)).toBe(true);
  });
});
