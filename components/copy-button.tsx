// A copy button for one value (an id, a time), rendered here on the server with its icon and words;
// its behaviour is ./copy-control.tsx's, the only part that comes to the browser.
import { CopyControl } from './copy-control';

export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1 align-middle ${className ?? ''}`}>
      <CopyControl value={value} label={label}>
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-.5a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 3v5A1.5 1.5 0 0 0 4 9.5h.5" />
        </svg>
        Copy
      </CopyControl>
    </span>
  );
}
