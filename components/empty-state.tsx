/** What a list says when it has nothing to show, and the way out. */
const ICONS = {
  search: 'M21 21l-4.35-4.35M10.5 18a7.5 7.5 0 100-15 7.5 7.5 0 000 15z',
  check: 'M9 12.75L11.25 15 15 9.75M21 12a9 9 0 11-18 0 9 9 0 0118 0z',
};

export function EmptyState({
  title,
  children,
  action,
  icon = 'search',
}: {
  title: string;
  children?: React.ReactNode;
  action?: { href: string; label: string };
  icon?: keyof typeof ICONS;
}) {
  return (
    <div className="px-6 py-14 text-center">
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className={`mx-auto size-10 ${icon === 'check' ? 'text-emerald-400' : 'text-slate-300'}`}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      >
        <path strokeLinecap="round" strokeLinejoin="round" d={ICONS[icon]} />
      </svg>
      <p className="mt-3 font-medium text-slate-900">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-md text-sm text-slate-600">{children}</div>}
      {action && (
        <a
          href={action.href}
          className="mt-4 inline-block text-sm font-medium text-blue-700 hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
        >
          {action.label}
        </a>
      )}
    </div>
  );
}

/** A problem with what was asked (not with the server): shown above the results. */
export function Notice({
  tone = 'amber',
  title,
  children,
}: {
  tone?: 'amber' | 'blue';
  title: string;
  children?: React.ReactNode;
}) {
  const colours =
    tone === 'amber' ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-blue-200 bg-blue-50 text-blue-950';
  return (
    <div role={tone === 'amber' ? 'alert' : 'status'} className={`mb-4 rounded-md border px-4 py-3 text-sm ${colours}`}>
      <p className="font-medium">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
