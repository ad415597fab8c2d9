// Pieces shared by the filtered list pages (transactions, refunds, audit log).
import { Notice } from './empty-state';

/** Says which filters were left out because they could not be read, each by its label, with why. */
export function InvalidFiltersNotice<Field extends string>({
  invalid,
  labels,
  errors,
}: {
  invalid: readonly Field[];
  labels: Record<Field, string>;
  errors: Partial<Record<Field, string>>;
}) {
  if (invalid.length === 0) return null;
  return (
    <Notice title="Some filters were not applied">
      <ul className="list-disc pl-5">
        {invalid.map((f) => (
          <li key={f}>
            {labels[f]}: {errors[f]}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** The title bar of a list panel, with a link back to the whole list when one applies. */
export function ListHeading({
  id,
  children,
  clear,
}: {
  id: string;
  children: React.ReactNode;
  clear?: { href: string; label: string };
}) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-100 px-4 py-3 sm:px-5">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {children}
      </h2>
      {clear && (
        <a href={clear.href} className="text-sm font-medium text-blue-700 hover:underline">
          {clear.label}
        </a>
      )}
    </div>
  );
}
