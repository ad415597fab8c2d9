/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // .next/standalone: the server and the node_modules it needs, traced; `npm run build:release`
  // (scripts/build-release.ts) makes the release folder from it. `npm start` serves .next as before.
  output: 'standalone',
  reactStrictMode: true,
  // Native and WASM packages that only run on the server: let Node load them as they are.
  serverExternalPackages: ['@node-rs/argon2', 'pg', '@prisma/adapter-pg', 'pg-boss'],
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with a 403 when a role may not see a page.
  experimental: { authInterrupts: true },
  // No framing (clickjacking on the refund button), no MIME sniffing, no full URLs (ids) leaked in Referer.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
