import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSessionUserChoosingPassword } from '@/lib/auth/session';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getSessionUserChoosingPassword()) redirect('/'); // a one-time password then goes to choose one
  const { next } = await searchParams;
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
      </div>
    </main>
  );
}
