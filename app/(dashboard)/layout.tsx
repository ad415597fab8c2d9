import { headers } from 'next/headers';
import { requireUser } from '@/lib/auth/session';
import { PATHNAME_HEADER } from '@/lib/http/pathname-header';
import { can } from '@/lib/auth/roles';
import { waitingCount } from '@/lib/approvals';
import { AppHeader } from './app-header';

// Every page under here is for signed-in staff; each page still checks its own permission.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(); // a code still owed, a one-time password, a second factor to set up: there first
  // Refunds waiting for a second person: the count is on every page, so they are not forgotten.
  const waiting = await waitingCount(user);
  const nav = [
    { href: '/', label: 'Overview' },
    { href: '/transactions', label: 'Transactions' },
    { href: '/refunds', label: 'Refunds' },
    ...(can(user.role, 'refund') ? [{ href: '/bulk-refunds', label: 'Bulk refunds' }] : []),
    { href: '/approvals', label: 'Approvals', count: waiting, countLabel: 'waiting for approval' },
    { href: '/reconciliation', label: 'Reconciliation' },
    ...(can(user.role, 'viewAudit') ? [{ href: '/audit', label: 'Audit log' }] : []),
    ...(can(user.role, 'manageUsers') ? [{ href: '/users', label: 'Users' }] : []),
    ...(can(user.role, 'viewMethodRules') ? [{ href: '/payment-methods', label: 'Methods' }] : []),
    ...(can(user.role, 'manageSettings') ? [{ href: '/settings', label: 'Settings' }] : []),
  ];
  return (
    <div className="min-h-screen">
      <AppHeader
        nav={nav}
        pathname={(await headers()).get(PATHNAME_HEADER) ?? ''}
        user={{ name: user.name, email: user.email, role: user.role, twoFactor: user.twoFactor.enrolled }}
      />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
