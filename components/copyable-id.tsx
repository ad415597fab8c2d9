// Apart from ./values.tsx: the copy button is client code, and a page loads every client component
// of the modules it imports, whether it renders them or not. Only pages that show an id to copy import this.
import { CopyButton } from './copy-button';
import { Id } from './values';

/** An id with its copy button: every id a person may need to paste elsewhere (Antom support, a ticket). */
export function CopyableId({ children, label, className }: { children: string; label: string; className?: string }) {
  return (
    <span className="inline-flex max-w-full flex-wrap items-center gap-x-2 gap-y-1">
      <Id className={className}>{children}</Id>
      <CopyButton value={children} label={label} />
    </span>
  );
}
