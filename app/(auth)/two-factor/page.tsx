import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { renderSVG } from 'uqr';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { getSessionUserAt } from '@/lib/auth/session';
import { groupedSecret } from '@/lib/auth/totp';
import { pendingEnrolment, twoFactorStatus } from '@/lib/auth/two-factor';
import { formatDateTime } from '@/lib/format/date-time';
import { signOutAction } from '../sign-out';
import { EnrolPanel } from './enrol-panel';
import { ReplaceCodesForm } from './replace-codes-form';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

export default async function TwoFactorPage() {
  // Whoever must set it up before anything else, and anyone signed in (to set it up or see it).
  const user = await getSessionUserAt('enrol', null);
  if (!user) redirect('/');
  const status = await twoFactorStatus(user.id);
  const enrolment = status.enrolledAt ? null : await pendingEnrolment(user);
  const mustEnrol = !status.enrolledAt && user.twoFactor.required;

  return (
    <main className="flex min-h-screen justify-center px-4 py-12">
      <div className="w-full max-w-xl">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">Antom</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Two-factor sign-in</h1>
          <p className="mt-2 text-sm text-slate-600">
            {mustEnrol
              ? `Your role (${ROLE_LABELS[user.role]}) signs in with a code from an authenticator app as well as a password. Set it up to continue.`
              : `Signed in as ${user.email}.`}
          </p>
        </div>

        {enrolment ? (
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <EnrolPanel
              email={user.email}
              qrSvg={renderSVG(enrolment.uri, { border: 2 })}
              secret={groupedSecret(enrolment.secret)}
            />
          </div>
        ) : (
          <div className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <div>
              <p className="font-medium text-emerald-800">Two-factor sign-in is on.</p>
              <p className="mt-1 text-sm text-slate-600">
                Since {formatDateTime(status.enrolledAt!, { seconds: false })}. You have{' '}
                <span data-testid="recovery-codes-left">{status.recoveryCodesLeft}</span> unused recovery code
                {status.recoveryCodesLeft === 1 ? '' : 's'}.
              </p>
              <p className="mt-1 text-sm text-slate-600">
                New phone, or lost this one? An admin resets your second factor under Users; you then set up the new one
                here.
              </p>
            </div>
            <ReplaceCodesForm email={user.email} />
          </div>
        )}

        <div className="mt-6 flex flex-wrap items-center justify-center gap-x-6 gap-y-2 text-sm">
          {mustEnrol ? (
            <form action={signOutAction}>
              <button type="submit" className="text-blue-700 underline-offset-2 hover:underline">
                Sign out
              </button>
            </form>
          ) : (
            <a href="/" className="text-blue-700 underline-offset-2 hover:underline">
              Back to the dashboard
            </a>
          )}
        </div>
      </div>
    </main>
  );
}
