// Writing to the clipboard, for the copy buttons (./copy-control.tsx loads it once the page is up).
// The clipboard API needs a secure context (https or localhost); a dashboard served over plain http
// on a LAN address has none, so the old selection-and-copy way is tried next; false if even that is
// refused, and the button says how to copy by hand.
export async function writeClipboard(text: string): Promise<boolean> {
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
