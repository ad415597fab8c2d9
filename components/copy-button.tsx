// A copy button for one value (an id, a time), rendered here on the server with its icon, words and
// status line; its behaviour is ./copy-control.tsx's, one listener for all of a page's copy buttons
// and the only part that comes to the browser.
import { CopyControl } from './copy-control';

export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 align-middle ${className ?? ''}`}>
      <button
        type="button"
        data-copy={value}
        aria-label={`Copy ${label}`}
        title={`Copy ${label}`}
        className="inline-flex h-6 items-center gap-1 rounded border border-slate-300 bg-white px-1.5 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
        </svg>
        Copy
      </button>
      {/* Said by ./copy-control.tsx, right after the button it copies for. */}
      <span role="status" aria-live="polite" className="text-xs text-emerald-700" />
      <CopyControl />
    </span>
  );
}
