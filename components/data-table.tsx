// The cells of the list tables (transactions, refunds, audit log): one padding rule, so that the
// columns line up with the panel edges on every page.
const TH =
  'px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5';

/** A body cell's classes: add to them (`${TD} text-right`) for a column's own look. */
export const TD = 'px-3 py-3 align-top first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5';

/** A column heading; amounts align right. */
export function HeaderCell({ align = 'left', children }: { align?: 'left' | 'right'; children: React.ReactNode }) {
  return (
    <th scope="col" className={align === 'right' ? `${TH} text-right` : TH}>
      {children}
    </th>
  );
}

/** The heading of a column of times, naming the zone they are shown in. */
export function TimeHeaderCell({ label, zone }: { label: string; zone: string }) {
  return (
    <HeaderCell>
      {label} <span className="font-normal normal-case">({zone})</span>
    </HeaderCell>
  );
}
