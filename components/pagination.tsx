const LINK =
  'inline-flex h-9 items-center gap-1 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none';
const DISABLED =
  'inline-flex h-9 items-center gap-1 rounded-md border border-slate-200 bg-slate-50 px-3 text-sm font-medium text-slate-400';

/** The URL of this list with the same filters and another cursor. */
export function pageHref(
  path: string,
  params: Record<string, string | undefined>,
  cursor: { after?: string; before?: string },
): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v && k !== 'after' && k !== 'before') query.set(k, v);
  if (cursor.after) query.set('after', cursor.after);
  if (cursor.before) query.set('before', cursor.before);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Previous / Next links for a keyset-paginated list. No page numbers: there is no COUNT(*). */
export function Pagination({
  path,
  params,
  prevCursor,
  nextCursor,
  summary,
}: {
  path: string;
  params: Record<string, string | undefined>;
  prevCursor: string | null;
  nextCursor: string | null;
  summary?: React.ReactNode;
}) {
  if (!prevCursor && !nextCursor && !summary) return null;
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 sm:px-5"
    >
      <p className="text-sm text-slate-500">{summary}</p>
      <div className="flex gap-2">
        {prevCursor ? (
          <a href={pageHref(path, params, { before: prevCursor })} className={LINK} rel="prev">
            <span aria-hidden="true">←</span> Previous
          </a>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            <span aria-hidden="true">←</span> Previous
          </span>
        )}
        {nextCursor ? (
          <a href={pageHref(path, params, { after: nextCursor })} className={LINK} rel="next">
            Next <span aria-hidden="true">→</span>
          </a>
        ) : (
          <span className={DISABLED} aria-disabled="true">
            Next <span aria-hidden="true">→</span>
          </span>
        )}
      </div>
    </nav>
  );
}
