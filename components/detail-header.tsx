// Apart from ./page-header.tsx, for the same reason as ./copyable-id.tsx: its copy button is client code.
import { CopyableId } from './copyable-id';

/** The top of one payment's or one refund's page: the way back to its list, what it is, its state, its id. */
export function DetailHeader({
  back,
  title,
  badge,
  id,
  idLabel = 'id',
}: {
  back: { href: string; label: string };
  title: React.ReactNode;
  badge: React.ReactNode;
  id: string;
  /** What the id is called where people paste it ("paymentId"): its copy button says so. */
  idLabel?: string;
}) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <a href={back.href} className="text-blue-700 hover:underline">
          ← {back.label}
        </a>
      </nav>
      <div className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {badge}
        <p className="w-full">
          <CopyableId label={idLabel} className="text-sm text-slate-600">
            {id}
          </CopyableId>
        </p>
      </div>
    </>
  );
}
