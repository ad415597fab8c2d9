import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import Script from 'next/script';
import { nonceOf } from '@/lib/http/security-headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Antom Refunds', template: '%s · Antom Refunds' },
  description: 'Refund Antom payments safely and see where every refund stands.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

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
        {/* Next.js runs "beforeInteractive" scripts before it hydrates, and hydrates in a later task
            (app-bootstrap: a timeout after an inline one). So the browser can paint the rows it has
            parsed first: hydration is tens of ms of script, and Chromium traces showed it running
            before the first frame in about half the navigations, the rows shown that much later (the
            bench's time to rows, issue 15). Interactivity comes a task later instead. */}
        <Script id="before-hydration" strategy="beforeInteractive" nonce={nonce}>
          {'/* a task before hydration: app/layout.tsx */'}
        </Script>
      </body>
    </html>
  );
}
