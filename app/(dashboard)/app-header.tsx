import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { signOutAction } from '../(auth)/sign-out';
import { NavLinks, type NavItem } from '@/components/nav-links';

const accountLink =
  'rounded text-slate-600 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none';

export function AppHeader({
  nav,
  pathname,
  user,
}: {
  nav: NavItem[];
  /** The path asked for, to mark the current section. */
  pathname: string;
  user: { name: string; email: string; role: Role; twoFactor: boolean };
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6 lg:px-8">
        <a href="/" className="flex items-baseline gap-2 font-semibold text-slate-900">
          <span className="text-blue-700">Antom</span> Refunds
        </a>
        <NavLinks items={nav} pathname={pathname} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="hidden text-right leading-tight sm:block">
            <span className="block font-medium text-slate-800">{user.name}</span>
            <span className="block text-xs text-slate-500">{user.email}</span>
          </span>
          {/* Your own sign-in: side by side on a phone, stacked small beside your name elsewhere. */}
          <span className="flex gap-3 sm:flex-col sm:gap-0.5 sm:text-xs sm:leading-tight">
            <a href="/change-password" className={accountLink}>
              Password
            </a>
            <a
              href="/two-factor"
              title={user.twoFactor ? 'Two-factor sign-in is on' : 'Two-factor sign-in is off: set it up'}
              className={accountLink}
            >
              2FA{' '}
              <span className={user.twoFactor ? 'text-emerald-700' : 'text-slate-500'}>
                {user.twoFactor ? 'on' : 'off'}
              </span>
            </a>
          </span>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" title="Your role">
            {ROLE_LABELS[user.role]}
          </span>
          <form action={signOutAction}>
            <button
              type="submit"
              className="rounded-md border border-slate-300 px-3 py-1.5 text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
            >
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
