'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The copy button's behaviour (CopyButton, ./copy-button.tsx, renders it with its icon on the server):
 * copies one value to the clipboard, and says so where a screen reader hears it. The clipboard API
 * needs a secure context (https or localhost); a dashboard served over plain http on a LAN address has
 * none, so the old selection-and-copy way is tried next, and if even that is refused the button says
 * how to copy by hand.
 */
export function CopyControl({ value, label, children }: { value: string; label: string; children: React.ReactNode }) {
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
    <>
      <button
        type="button"
        onClick={copy}
        aria-label={`Copy ${label}`}
        title={`Copy ${label}`}
        className="inline-flex h-6 items-center gap-1 rounded border border-slate-300 bg-white px-1.5 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
      >
        {children}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-emerald-700">
        {said}
      </span>
    </>
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
