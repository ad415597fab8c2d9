// Keyset ("seek") pagination. A cursor names the boundary row by its sort key; the next page is the
// rows after it in list order, the previous page the rows before it, fetched by reversing both the
// order and the comparison and then flipping the result. No OFFSET and no COUNT(*): each page asks
// for one row more than it shows, and that row's presence says whether there is a page beyond.
import { Prisma } from '../generated/prisma/client';
import { z } from 'zod';

export type PageDirection = 'first' | 'after' | 'before';

export interface PageRequest {
  direction: PageDirection;
  /** Opaque, from a previous page's nextCursor / prevCursor. */
  cursor?: string;
  limit?: number;
}

export interface Page<Row> {
  rows: Row[];
  /** Link to the rows after the last one shown; null on the last page. */
  nextCursor: string | null;
  /** Link to the rows before the first one shown; null on the first page. */
  prevCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 5000;

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Page size must be a positive integer, got ${limit}`);
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** base64url(JSON) of the sort key: opaque in URLs, checked against a schema when read back. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key, or null for a missing, mangled or tampered cursor (the list then starts over). */
export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, schema: T): z.output<T> | null {
  if (!cursor || cursor.length > 512) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Turns the rows a query returned (limit + 1 at most, in query order: reversed for 'before') into
 * a page in list order with its links.
 */
export function finishPage<Row>(
  fetched: Row[],
  limit: number,
  direction: PageDirection,
  cursorOf: (row: Row) => string,
): Page<Row> {
  const more = fetched.length > limit;
  const rows = fetched.slice(0, limit);
  if (direction === 'before') {
    rows.reverse();
    return {
      rows,
      prevCursor: more && rows.length ? cursorOf(rows[0]!) : null,
      nextCursor: rows.length ? cursorOf(rows[rows.length - 1]!) : null,
    };
  }
  return {
    rows,
    nextCursor: more && rows.length ? cursorOf(rows[rows.length - 1]!) : null,
    prevCursor: direction === 'after' && rows.length ? cursorOf(rows[0]!) : null,
  };
}

/**
 * A 'before' page that came back short has reached the top of the list: the caller shows the first
 * page instead, so that going back never leaves a half-empty page (rows may have been added since).
 */
export function reachedTop<Row>(page: Page<Row>, direction: PageDirection, limit: number): boolean {
  return direction === 'before' && page.prevCursor === null && page.rows.length < limit;
}

/** ms since epoch: the keys carry PostgreSQL's millisecond timestamps exactly. */
export const epochMs = z.number().int().min(0).max(8.64e15);

/**
 * One page of a single-query list: an unreadable cursor reads the first page, `read` runs the page's
 * SQL (limit + 1 rows) for the request it is given, and a 'before' page that reached the top is
 * replaced by the first page (see reachedTop).
 */
export async function readKeysetPage<Row>(
  page: PageRequest,
  keyset: { cursorSchema: z.ZodType; read: (page: PageRequest) => Promise<Row[]>; cursorOf: (row: Row) => string },
): Promise<Page<Row>> {
  const limit = pageSize(page.limit);
  const key = page.direction === 'first' ? null : decodeCursor(page.cursor, keyset.cursorSchema);
  const direction = key ? page.direction : 'first';
  const result = finishPage(await keyset.read({ ...page, direction }), limit, direction, keyset.cursorOf);
  return reachedTop(result, direction, limit) ? readKeysetPage({ direction: 'first', limit }, keyset) : result;
}

/**
 * Where one page of a (time, id) keyset starts, as SQL: the row comparison `(time, id) < (…)` (or
 * `>` going back) is one index condition, so the scan starts at the cursor at any depth. Null
 * condition on the first page (or an unreadable cursor). `order` is the direction to read in.
 */
export function keysetSeek(
  page: PageRequest,
  cursorSchema: z.ZodType<[number, string]>,
  key: { time: Prisma.Sql; id: Prisma.Sql; idType?: 'uuid' },
): { condition: Prisma.Sql | null; order: Prisma.Sql } {
  const cursor = page.direction === 'first' ? null : decodeCursor(page.cursor, cursorSchema);
  const backwards = cursor !== null && page.direction === 'before';
  const order = Prisma.raw(backwards ? 'ASC' : 'DESC');
  if (!cursor) return { condition: null, order };
  const [ms, id] = cursor;
  const idValue = key.idType === 'uuid' ? Prisma.sql`${id}::uuid` : Prisma.sql`${id}`;
  const compare = Prisma.raw(backwards ? '>' : '<');
  return { condition: Prisma.sql`(${key.time}, ${key.id}) ${compare} (${new Date(ms)}, ${idValue})`, order };
}
