'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Copies one value (an id, a time) to the clipboard, and says so where a screen reader hears it.
 * The clipboard API needs a secure context (https or localhost); a dashboard served over plain http
 * on a LAN address has none, so the old selection-and-copy way is tried next, and if even that is
 * refused the button says how to copy by hand.
 */
export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [said, setSaid] = useState<'' | 'Copied' | 'Press Ctrl+C to copy'>('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    const done = (await writeClipboard(value)) ? 'Copied' : 'Press Ctrl+C to copy';
    setSaid(done);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(''), 2500);
  }

  return (
    <span className={`inline-flex items-center gap-1 align-middle ${className ?? ''}`}>
      <button
        type="button"
        onClick={copy}
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
      <span role="status" aria-live="polite" className="text-xs text-emerald-700">
        {said}
      </span>
    </span>
  );
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (permissions, focus): try the older way below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
