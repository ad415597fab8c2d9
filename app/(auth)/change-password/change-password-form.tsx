'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { changePasswordAction } from './actions';
import { SubmitButton } from '@/components/submit-button';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

export function ChangePasswordForm({ minLength, oneTime }: { minLength: number; oneTime: boolean }) {
  const [state, action, pending] = useActionState<ActionState<'current' | 'password' | 'confirm'>, FormData>(
    changePasswordAction,
    {},
  );
  return (
    <form action={action} className="space-y-4" noValidate>
      <div>
        <label htmlFor="current" className="block text-sm font-medium text-slate-700">
          {oneTime ? 'One-time password' : 'Current password'}
        </label>
        <input
          id="current"
          name="current"
          type="password"
          autoComplete="current-password"
          required
          className={field}
          aria-describedby="current-help"
        />
        <p id="current-help" className="mt-1 min-h-5 text-sm text-red-700">
          {state.errors?.current?.[0]}
        </p>
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          New password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={minLength}
          required
          className={field}
          aria-describedby="password-help"
        />
        <p id="password-help" className="mt-1 text-sm text-slate-500">
          {state.errors?.password?.[0] ?? `At least ${minLength} characters.`}
        </p>
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium text-slate-700">
          Repeat it
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={field} />
        <p className="mt-1 min-h-5 text-sm text-red-700">{state.errors?.confirm?.[0]}</p>
      </div>
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {state.errors ? '' : state.message}
      </p>
      <SubmitButton pending={pending} busy="Saving…">
        Set password
      </SubmitButton>
    </form>
  );
}
