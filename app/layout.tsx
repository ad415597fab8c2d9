import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { nonceOf } from '@/lib/http/security-headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Antom Refunds', template: '%s · Antom Refunds' },
  description: 'Refund Antom payments safely and see where every refund stands.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/**
 * Has Next.js hydrate a task later, so that the browser can paint the rows it has parsed first:
 * hydration is tens of ms of script, and Chromium traces showed it running before the first frame in
 * about half the navigations, the rows shown that much later (the bench's time to rows, issue 15).
 * Next.js runs "beforeInteractive" scripts before it hydrates, an inline one followed by a timeout
 * (next/dist/client/app-bootstrap.js). This is what next/script renders for one (client/script.js),
 * written out here because next/script, a client component, would add 1.5 KB to every page's
 * JavaScript. Should a later Next.js read no `__next_s`, it only hydrates at once, as before.
 */
const beforeHydration = (nonce: string | undefined) =>
  `(self.__next_s=self.__next_s||[]).push(${JSON.stringify([0, { id: 'before-hydration', nonce, children: '/* a task before hydration: app/layout.tsx */' }])})`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so that Next.js can put this request's CSP nonce on its
  // scripts (proxy.ts); a page prerendered at build time would carry none and not run.
  await connection();
  // The CSP nonce of this request (proxy.ts puts the policy on the request), for the script below.
  const nonce = nonceOf((await headers()).get('content-security-policy'));
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {children}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: beforeHydration(nonce) }} />
      </body>
    </html>
  );
}
