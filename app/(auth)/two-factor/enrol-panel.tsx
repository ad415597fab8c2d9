'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/submit-button';
import { confirmEnrolmentAction, type EnrolState } from './actions';
import { RecoveryCodes } from './recovery-codes';

const step =
  'flex size-6 shrink-0 items-center justify-center rounded-full bg-blue-700 text-xs font-semibold text-white';

/**
 * The setup: the QR code and the key (made on the server), then the code that proves the app has
 * them. Once it is on, the key leaves the page and the recovery codes are shown, once.
 */
export function EnrolPanel({ email, qrSvg, secret }: { email: string; qrSvg: string; secret: string }) {
  const [state, action, pending] = useActionState<EnrolState, FormData>(confirmEnrolmentAction, {});
  if (state.ok && state.recoveryCodes)
    return (
      <div className="space-y-4">
        <p role="status" className="font-medium text-emerald-800">
          Two-factor sign-in is on. From now on you sign in with your password and a code from the app.
        </p>
        <RecoveryCodes codes={state.recoveryCodes} email={email} />
        <a href="/" className="button-primary inline-block px-4 py-2">
          I saved them: continue
        </a>
      </div>
    );
  const error = state.errors?.code?.[0] ?? state.message;
  return (
    <ol className="space-y-6">
      <li className="flex gap-3">
        <span className={step}>1</span>
        <div className="min-w-0">
          <p className="font-medium text-slate-900">Scan this code with an authenticator app</p>
          <p className="mt-1 text-sm text-slate-600">
            Google Authenticator, Microsoft Authenticator, 1Password, Authy or any app for six-digit codes.
          </p>
          <div
            role="img"
            aria-label="QR code for your authenticator app"
            className="mt-3 w-44 rounded-md border border-slate-200 p-1"
            // Made on the server by uqr from the otpauth:// address: our own markup, no user text in it.
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        </div>
      </li>
      <li className="flex gap-3">
        <span className={step}>2</span>
        <div className="min-w-0">
          <p className="font-medium text-slate-900">Or type this key into the app</p>
          <p className="mt-1 text-sm text-slate-600">Account: {email}; time-based, six digits.</p>
          <code
            data-testid="totp-secret"
            className="mt-2 block rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all text-slate-900 select-all"
          >
            {secret}
          </code>
          <p className="mt-1 text-xs text-slate-500">
            Shown only until you turn two-factor sign-in on; afterwards it never leaves the server.
          </p>
        </div>
      </li>
      <li className="flex gap-3">
        <span className={step}>3</span>
        <form action={action} className="min-w-0 flex-1 space-y-2" noValidate>
          <label htmlFor="enrol-code" className="block font-medium text-slate-900">
            Enter the code the app shows
          </label>
          <div className="flex flex-wrap items-start gap-3">
            <input
              id="enrol-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={16}
              required
              aria-invalid={!!error}
              aria-describedby="enrol-code-error"
              className="block w-40 rounded-md border border-slate-300 px-3 py-2 font-mono text-lg tracking-widest shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none"
            />
            <div className="w-40">
              <SubmitButton pending={pending} busy="Checking…">
                Turn on
              </SubmitButton>
            </div>
          </div>
          <p id="enrol-code-error" role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
            {error}
          </p>
        </form>
      </li>
    </ol>
  );
}
