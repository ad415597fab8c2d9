// Addresses no page of ours can mean: a percent-escape that does not decode (`%E0%A4%A`), or a NUL
// (PostgreSQL refuses one in text, and no id holds one). Answered 400 before any route sees them, so
// they are a clear "bad request" instead of a crash deep in a page.

/** What is wrong with this path-and-query, in words, or null when it is fine. */
export function malformedAddress(pathAndQuery: string): string | null {
  if (/%00/.test(pathAndQuery)) return 'the address contains a NUL character';
  try {
    decodeURIComponent(pathAndQuery.split('?', 1)[0]!);
  } catch {
    return 'the address has an escape sequence that does not decode';
  }
  return null;
}
