// Which requests are the person's, for the session's idle expiry (issue 14, gap 7). A page that
// re-renders itself (components/auto-refresh.tsx calls router.refresh() every 3 s while a refund
// moves) would otherwise keep an unattended tab signed in forever.
//
// router.refresh() fetches the page's React Server Components payload with fetch(): the browser
// marks it `Sec-Fetch-Mode: cors` (JavaScript cannot change that), and it has no `Next-Action`.
// Next.js hides its own `RSC: 1` header from proxy.ts and from headers() alike, so the browser's
// word is what tells it apart. A person's requests are navigations (`Sec-Fetch-Mode: navigate`:
// every link and filter form here is plain HTML, and the CSV export is a download) and server
// actions (`Next-Action`, from a button or a form). Browsers send Sec-Fetch-* to https sites and
// localhost only: over plain http elsewhere every request counts as the person's, as before.
export function isBackgroundRender(headers: Headers): boolean {
  if (headers.has('next-action')) return false;
  const mode = headers.get('sec-fetch-mode');
  return headers.get('rsc') === '1' || (mode !== null && mode !== 'navigate');
}

/** The person's last request is written at most this often (one UPDATE a minute, not one a request). */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;
