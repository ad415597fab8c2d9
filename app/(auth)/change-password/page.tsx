import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { getSessionUserChoosingPassword } from '@/lib/auth/session';
import { ChangePasswordForm } from './change-password-form';

export const metadata: Metadata = { title: 'Change your password' };

export default async function ChangePasswordPage() {
  const user = await getSessionUserChoosingPassword();
  if (!user) redirect('/login');
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-2xl font-semibold text-slate-900">
          {user.mustChangePassword ? 'Choose your password' : 'Change your password'}
        </h1>
        <p className="mt-2 text-center text-sm text-slate-600">
          {user.mustChangePassword
            ? 'You signed in with a one-time password. Pick your own to continue.'
            : `Signed in as ${user.email}. Changing it signs you out everywhere else.`}
        </p>
        <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <ChangePasswordForm minLength={MIN_PASSWORD_LENGTH} oneTime={user.mustChangePassword} />
        </div>
        {!user.mustChangePassword && (
          <p className="mt-4 text-center text-sm">
            <a href="/" className="text-blue-700 underline-offset-2 hover:underline">
              Back to the dashboard
            </a>
          </p>
        )}
      </div>
    </main>
  );
}
