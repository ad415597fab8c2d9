import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionUserAt } from '@/lib/auth/session';
import { signOutAction } from '../../sign-out';
import { CodeForm } from './code-form';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

export default async function SignInCodePage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  // Only a session that gave its password and owes its code; anyone else goes where they belong.
  const user = await getSessionUserAt('code');
  if (!user) redirect('/');
  const { next } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Antom</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Two-factor sign-in</h1>
          <p className="mt-2 text-sm text-slate-600">Signed in as {user.email}. One more step.</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <CodeForm next={next} />
          <details className="mt-5 border-t border-slate-100 pt-4 text-sm text-slate-600">
            <summary className="cursor-pointer font-medium text-slate-700">Lost your phone?</summary>
            <p className="mt-2">
              Type one of the recovery codes you saved when you set up two-factor sign-in (like{' '}
              <span className="font-mono whitespace-nowrap">7K3D-…</span>) in the same field. Each works once.
            </p>
            <p className="mt-2">No recovery codes left? An admin can reset your second factor under Users.</p>
          </details>
        </div>
        <form action={signOutAction} className="mt-4 text-center">
          <button type="submit" className="text-sm text-blue-700 underline-offset-2 hover:underline">
            Not you? Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
