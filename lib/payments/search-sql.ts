// The id search of the transactions page, as SQL: pure (no session, database or React), so the page,
// the EXPLAIN tests and the benchmark run exactly the same statement.
//
// People paste ids from e-mails, spreadsheets and Antom Dashboard: with spaces around them, in
// another case, or cut short. So the text is trimmed and matched case-insensitively on all four ids,
// and a partial id of at least PREFIX_MIN_LENGTH characters finds the ids it starts. Each id has an
// index on its lower-cased text in byte order (migration 20261203040200): an exact match is one probe,
// and a prefix is one contiguous range of it, read from where it starts and no further than a page,
// however many ids share a short prefix (the scale data's paymentIds start with their date).
import { Prisma } from '../generated/prisma/client';

/** A partial id shorter than this finds only the id it equals: 8 characters narrow a million ids to a few. */
export const PREFIX_MIN_LENGTH = 8;
/** The most matches one search shows; one more is read to know there are more. */
export const SEARCH_LIMIT = 10;
/** Ids are at most 64 characters (the columns say so): a longer text cannot match. */
export const ID_MAX_LENGTH = 64;

export type IdKind = 'paymentId' | 'paymentRequestId' | 'refundId' | 'refundRequestId';

/** What the search looks for: the trimmed text, and whether it finds by prefix; null when nothing can match. */
export function searchTerm(text: string): { id: string; prefix: boolean } | null {
  const id = text.trim();
  if (!id || id.length > ID_MAX_LENGTH || id.includes('\0')) return null;
  return { id, prefix: id.length >= PREFIX_MIN_LENGTH };
}

/**
 * Up to SEARCH_LIMIT + 1 payments whose paymentId or paymentRequestId, or one of whose refunds'
 * refundId or refundRequestId, equals `id` ignoring case or (with `prefix`) starts with it. A payment
 * found several ways is listed once, by its best match (exact before prefix, then in the order of
 * the four ids); exact matches come first, then the newest.
 */
export function paymentSearchSql(term: { id: string; prefix: boolean }, columns: Prisma.Sql): Prisma.Sql {
  const want = SEARCH_LIMIT + 1;
  // lower(col) COLLATE "C" is the indexed expression: written the same way here, so it is used.
  const key = (column: string) => Prisma.raw(`lower(${column}) COLLATE "C"`);
  const matches = (column: string) =>
    term.prefix
      ? // U+10FFFF sorts after every character, so [text, text || U+10FFFF) is every id starting with text.
        Prisma.sql`${key(column)} >= lower(${term.id}) AND ${key(column)} < lower(${term.id}) || chr(1114111)`
      : Prisma.sql`${key(column)} = lower(${term.id})`;
  const branch = (kind: IdKind, rank: number, table: string, column: string) =>
    Prisma.sql`(SELECT payment_id, ${Prisma.raw(`'${kind}'`)} AS matched_by, ${Prisma.raw(String(rank))} AS kind_rank,
        lower(${Prisma.raw(column)}) = lower(${term.id}) AS exact
      FROM ${Prisma.raw(table)} WHERE ${matches(column)} ORDER BY ${key(column)} LIMIT ${want})`;
  return Prisma.sql`SELECT ${columns}, h.matched_by, h.exact
    FROM (SELECT DISTINCT ON (payment_id) payment_id, matched_by, exact FROM (
        ${branch('paymentId', 0, 'payments', 'payment_id')}
        UNION ALL ${branch('paymentRequestId', 1, 'payments', 'payment_request_id')}
        UNION ALL ${branch('refundId', 2, 'refunds', 'refund_id')}
        UNION ALL ${branch('refundRequestId', 3, 'refunds', 'refund_request_id')}
      ) b ORDER BY payment_id, exact DESC, kind_rank) h
    JOIN payments p ON p.payment_id = h.payment_id
    ORDER BY h.exact DESC, p.created_at DESC, p.payment_id DESC
    LIMIT ${want}`;
}
