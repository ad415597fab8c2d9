// Which requests are the person's, for the session's idle expiry (issue 14, gap 7). A page that
// re-renders itself (components/auto-refresh.tsx calls router.refresh() every 3 s while a refund
// moves) would otherwise keep an unattended tab signed in forever.
//
// router.refresh() fetches the page's React Server Components payload: a GET with `RSC: 1` and no
// `Next-Action`. A person's requests are document loads (every link and filter form here is plain
// HTML, no client-side navigation) and server actions (`Next-Action`, from a button or a form), and
// the CSV export, a download. Next.js strips the RSC headers before proxy.ts runs, so the decision is
// made where the session is read (lib/auth/session.ts), which sees them.
export function isBackgroundRender(headers: Headers): boolean {
  return headers.get('rsc') === '1' && !headers.has('next-action');
}

/** The person's last request is written at most this often (one UPDATE a minute, not one a request). */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;
