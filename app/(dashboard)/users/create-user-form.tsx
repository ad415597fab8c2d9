'use client';

import { useActionState, useState } from 'react';
import { createUserAction, type UserActionState } from './actions';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

const EMPTY = { email: '', name: '', role: 'VIEWER' };

export function CreateUserForm() {
  const [state, action, pending] = useActionState<UserActionState, FormData>(createUserAction, {});
  // Kept by the form, not the browser: a refusal or a step-up question keeps what was typed (React
  // resets an action form's own fields); a created user clears it.
  const [fields, setFields] = useState(EMPTY);
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.ok) setFields(EMPTY);
  }
  const edit = (name: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }));
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end" noValidate>
      <div>
        <label htmlFor="new-email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="new-email"
          name="email"
          type="email"
          required
          value={fields.email}
          onChange={edit('email')}
          className={field}
          aria-describedby="new-email-error"
        />
        <p id="new-email-error" className="mt-1 text-sm text-red-700">
          {state.errors?.email?.[0]}
        </p>
      </div>
      <div>
        <label htmlFor="new-name" className="block text-sm font-medium text-slate-700">
          Name
        </label>
        <input id="new-name" name="name" required value={fields.name} onChange={edit('name')} className={field} />
        <p className="mt-1 text-sm text-red-700">{state.errors?.name?.[0]}</p>
      </div>
      <div>
        <label htmlFor="new-role" className="block text-sm font-medium text-slate-700">
          Role
        </label>
        <select id="new-role" name="role" value={fields.role} onChange={edit('role')} className={field}>
          <option value="VIEWER">Viewer</option>
          <option value="REFUNDER">Refunder</option>
          <option value="ADMIN">Admin</option>
        </select>
        <p className="mt-1 text-sm text-red-700">{state.errors?.role?.[0]}</p>
      </div>
      <div className="pb-6">
        <SubmitButton pending={pending} busy="Creating…">
          Create user
        </SubmitButton>
      </div>
      {state.stepUp && (
        <div className="sm:col-span-4">
          <StepUpField state={state} id="create-user-step-up" />
        </div>
      )}
      <div role="status" aria-live="polite" className="sm:col-span-4">
        {state.ok && state.oneTimePassword ? (
          <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
            <p>{state.message}</p>
            <p className="mt-2">
              One-time password:{' '}
              <code
                className="rounded bg-white px-2 py-1 font-mono text-base select-all"
                data-testid="one-time-password"
              >
                {state.oneTimePassword}
              </code>
            </p>
            <p className="mt-1 text-emerald-800">Hand it over privately; it is not shown again.</p>
          </div>
        ) : (
          !state.ok && !state.stepUp && state.message && <p className="text-sm text-red-700">{state.message}</p>
        )}
      </div>
    </form>
  );
}
