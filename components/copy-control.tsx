'use client';

import { useEffect } from 'react';

/**
 * The copy buttons' behaviour, one click listener for the whole page: CopyButton (./copy-button.tsx)
 * renders each button on the server with its value in `data-copy`, its status line right after it,
 * and this beside it. So a page with many copy buttons loads their behaviour once and none of their
 * looks (issue 17, first-load JS budget). Every instance adds the same listener, which the browser
 * keeps once; it is never removed, as other buttons may still be on the page.
 */
export function CopyControl() {
  useEffect(() => {
    document.addEventListener('click', copy);
    // The clipboard code comes once the page is up rather than with it, long before anyone clicks.
    void loadClipboard();
  }, []);
  return null;
}

let clipboard: Promise<typeof import('./clipboard')> | undefined;
const loadClipboard = () => (clipboard ??= import('./clipboard'));

// The one status line saying "Copied" (a second copy moves it), and when it goes quiet again.
let shown: Element | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

async function copy(e: MouseEvent) {
  const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-copy]') : null;
  if (!button) return;
  const { writeClipboard } = await loadClipboard();
  const said = (await writeClipboard(button.dataset.copy ?? '')) ? 'Copied' : 'Press Ctrl+C to copy';
  clearTimeout(timer);
  if (shown) shown.textContent = '';
  const status = button.nextElementSibling;
  if (!status) return;
  status.textContent = said;
  shown = status;
  timer = setTimeout(() => (status.textContent = ''), 2500);
}
