'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { SubmitButton } from '@/components/submit-button';
import { signInCodeAction } from './actions';

export function CodeForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<ActionState<'code' | 'next'>, FormData>(signInCodeAction, {});
  const error = state.errors?.code?.[0] ?? state.message;
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="next" value={next ?? ''} />
      <div>
        <label htmlFor="code" className="block text-sm font-medium text-slate-700">
          Authentication code
        </label>
        <input
          id="code"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          required
          autoFocus
          aria-describedby="code-help"
          aria-invalid={!!error}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-lg tracking-widest shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none"
        />
        <p id="code-help" className="mt-1 text-sm text-slate-500">
          The six digits your authenticator app shows for Antom Refunds.
        </p>
      </div>
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      <SubmitButton pending={pending} busy="Checking…">
        Continue
      </SubmitButton>
    </form>
  );
}
