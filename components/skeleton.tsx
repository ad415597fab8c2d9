// Loading states with the same outline as the pages they stand in for (header, filter panel, list
// rows of fixed height), so nothing jumps when the content arrives.
function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-slate-200/80 ${className}`} />;
}

function Loading({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="sr-only">{label}</p>
      {children}
    </div>
  );
}

function Header({ withAction = false, height = 'h-[76px] sm:h-[56px]' }: { withAction?: boolean; height?: string }) {
  return (
    <div className={`mb-6 flex items-end justify-between gap-4 ${height}`}>
      <div className="space-y-2">
        <Bar className="h-7 w-44" />
        <Bar className="h-4 w-72 max-w-[70vw]" />
      </div>
      {withAction && <Bar className="h-9 w-28" />}
    </div>
  );
}

/**
 * A list page: header, filter panel and rows, each as tall as the real ones at each breakpoint
 * (measured on the pages at 375, 700 and 1280 px), so the content replaces it without a jump.
 */
export function ListPageSkeleton({
  label,
  header,
  filters,
  row,
  withAction,
}: {
  label: string;
  header?: string;
  filters: string;
  row: string;
  withAction?: boolean;
}) {
  return (
    <Loading label={label}>
      <Header withAction={withAction} height={header} />
      <div className={`mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-xs sm:px-5 ${filters}`}>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="space-y-1.5">
              <Bar className="h-3 w-16" />
              <Bar className="h-9 w-full" />
            </div>
          ))}
        </div>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white shadow-xs">
        <div className="flex h-[49px] items-center border-b border-slate-100 px-4 sm:px-5">
          <Bar className="h-4 w-24" />
        </div>
        <div className="hidden h-[39px] border-b border-slate-200 bg-slate-50/80 md:block" />
        <ul className="divide-y divide-slate-100">
          {Array.from({ length: 10 }, (_, i) => (
            <li key={i} className={`flex items-center gap-6 px-4 sm:px-5 ${row}`}>
              <Bar className="h-4 w-24" />
              <Bar className="h-4 flex-1" />
              <Bar className="hidden h-4 w-20 sm:block" />
              <Bar className="h-5 w-20 rounded-full" />
            </li>
          ))}
        </ul>
      </div>
    </Loading>
  );
}

/** A detail page: breadcrumb, title, a row of figures, then two columns of panels. */
export function DetailSkeleton({ label, figures = 4 }: { label: string; figures?: number }) {
  return (
    <Loading label={label}>
      <Bar className="mb-3 h-5 w-28" />
      <div className="mb-6 h-16 space-y-2">
        <Bar className="h-8 w-64" />
        <Bar className="h-4 w-72 max-w-[80vw]" />
      </div>
      {figures > 0 && (
        <div className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
          {Array.from({ length: figures }, (_, i) => (
            <div key={i} className="h-[92px] rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
              <Bar className="h-3 w-20" />
              <Bar className="mt-2 h-6 w-24" />
            </div>
          ))}
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="h-96 rounded-lg border border-slate-200 bg-white shadow-xs" />
        <div className="h-48 rounded-lg border border-slate-200 bg-white shadow-xs" />
      </div>
    </Loading>
  );
}

export function OverviewSkeleton() {
  return (
    <Loading label="Loading the overview">
      <Header />
      <div className="mb-3 flex h-[70px] flex-col justify-between sm:h-[34px] sm:flex-row sm:items-center">
        <Bar className="h-5 w-56" />
        <Bar className="hidden h-8 w-64 sm:block" />
      </div>
      <div className="mb-2 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-[182px] rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
            <Bar className="h-5 w-20 rounded-full" />
            <Bar className="mt-3 h-7 w-12" />
            <Bar className="mt-2 h-3 w-24" />
          </div>
        ))}
      </div>
      <div className="mb-8 h-8 sm:h-4" />
      <div className="mb-6 h-[543px] rounded-lg border border-slate-200 bg-white shadow-xs sm:h-[435px]" />
      <div className="h-64 rounded-lg border border-slate-200 bg-white shadow-xs" />
    </Loading>
  );
}
