import { requireUser } from '@/lib/auth/session';
import { can } from '@/lib/auth/roles';
import { AppHeader } from './app-header';

// Every page under here is for signed-in staff; each page still checks its own permission.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(); // a one-time password goes to /change-password first
  const nav = [
    { href: '/', label: 'Overview' },
    { href: '/transactions', label: 'Transactions' },
    { href: '/refunds', label: 'Refunds' },
    { href: '/reconciliation', label: 'Reconciliation' },
    ...(can(user.role, 'viewAudit') ? [{ href: '/audit', label: 'Audit log' }] : []),
    ...(can(user.role, 'manageUsers') ? [{ href: '/users', label: 'Users' }] : []),
    ...(can(user.role, 'viewMethodRules') ? [{ href: '/payment-methods', label: 'Methods' }] : []),
  ];
  return (
    <div className="min-h-screen">
      <AppHeader nav={nav} user={{ name: user.name, email: user.email, role: user.role }} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
