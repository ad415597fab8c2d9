// The list tables (transactions, refunds, audit log): one table for every width. From the md
// breakpoint up it is an ordinary table; below it each row reflows into a card (the row becomes a
// wrapping flex box, the cells its items, placed with `order-*`), and the column headings stay for
// screen readers only. One copy of every row in the HTML, and table semantics at every width (the
// roles are set explicitly, as some browsers drop them when a table's display changes).

// The rules every row and cell share are the `.data-table` rules in app/globals.css.
const THEAD = 'border-b border-slate-200 bg-slate-50/80 max-md:sr-only';

/** The table, its caption (its accessible name) and its column headings; the row groups are the children. */
export function DataTable({
  caption,
  headings,
  children,
}: {
  caption: string;
  headings: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <table role="table" className="data-table">
      <caption className="sr-only">{caption}</caption>
      <thead role="rowgroup" className={THEAD}>
        <tr role="row">{headings}</tr>
      </thead>
      {children}
    </table>
  );
}

/** A body row: a table row, or a card on phones. */
export function Row({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <tr role="row" className={className}>
      {children}
    </tr>
  );
}

/** A body cell; `className` gives the column's own look and its place in the phone card. */
export function Cell({
  className,
  title,
  colSpan,
  children,
}: {
  className?: string;
  title?: string;
  colSpan?: number;
  children: React.ReactNode;
}) {
  return (
    <td role="cell" className={className} {...(title ? { title } : {})} {...(colSpan ? { colSpan } : {})}>
      {children}
    </td>
  );
}

const TH =
  'px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5';

/** A column heading; amounts align right. */
export function HeaderCell({ align = 'left', children }: { align?: 'left' | 'right'; children: React.ReactNode }) {
  return (
    <th scope="col" role="columnheader" className={align === 'right' ? `${TH} text-right` : TH}>
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
