'use client';

// Anything unexpected while rendering a dashboard page: the person gets a calm message and a retry;
// the details stay in the server log (Next.js logs the error with its digest).
import { useEffect } from 'react';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto max-w-lg rounded-lg border border-rose-200 bg-white px-6 py-10 text-center shadow-xs"
    >
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side; nothing was changed. Try again, and if it keeps happening, ask an admin to
        check the server log
        {error.digest ? (
          <>
            {' '}
            (reference <code className="font-mono">{error.digest}</code>)
          </>
        ) : null}
        .
      </p>
      <button type="button" onClick={reset} className="button-primary mt-6 inline-flex h-9 items-center px-4 text-sm">
        Try again
      </button>
    </div>
  );
}
