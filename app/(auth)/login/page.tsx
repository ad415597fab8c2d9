import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getAnySessionUser } from '@/lib/auth/session';
import { ROLE_LABELS, type Role } from '@/lib/auth/roles';
import { demoLogins } from '@/lib/users/demo-accounts';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getAnySessionUser()) redirect('/'); // a session with a step to take then goes to take it
  const { next } = await searchParams;
  const demo = await demoLogins();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Antom</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Sign in to Refunds</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm next={next} />
        </div>
        {demo.length > 0 && (
          <aside
            aria-labelledby="demo-note"
            className="mt-6 rounded-xl border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950"
          >
            <h2 id="demo-note" className="font-semibold">
              Demo data
            </h2>
            <p className="mt-1">
              The demo users sign in with their password alone: two-factor sign-in is optional here, so no phone is
              needed. Anyone can still turn it on for themselves (2FA in the header).
            </p>
            <dl className="mt-3 grid grid-cols-[4.5rem_1fr] gap-x-2 gap-y-2 text-xs">
              {demo.map((u) => (
                <div key={u.email} className="contents">
                  <dt className="text-amber-800">{ROLE_LABELS[u.role as Role]}</dt>
                  <dd className="font-mono break-all">
                    {u.email}
                    <br />
                    {u.password}
                  </dd>
                </div>
              ))}
            </dl>
          </aside>
        )}
      </div>
    </main>
  );
}
