// The header's navigation, rendered on the server like the rest of the header: it marks the current
// section from the path proxy.ts passes on (lib/http/pathname-header.ts), so no page carries client code for it.
// Plain links (no next/link): each one is a full page load, which renders this again for its path.
export interface NavItem {
  href: string;
  label: string;
  /** A number beside the label when above zero (e.g. refunds waiting for approval), and its words for screen readers. */
  count?: number;
  countLabel?: string;
}

export function NavLinks({ items, pathname }: { items: NavItem[]; pathname: string }) {
  return (
    <nav aria-label="Main" className="order-last -mx-1 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
      {items.map((item) => {
        const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
        return (
          <a
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset ${
              active ? 'bg-blue-50 text-blue-800' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'
            }`}
          >
            {item.label}
            {!!item.count && ' '}
            {!!item.count && (
              // The space keeps the label and the count two words for screen readers ("Approvals 3 waiting…").
              <span className="ml-1 rounded-full bg-violet-600 px-1.5 py-0.5 text-xs font-semibold text-white tabular-nums">
                {item.count}
                <span className="sr-only"> {item.countLabel}</span>
              </span>
            )}
          </a>
        );
      })}
    </nav>
  );
}
