'use client';

import { startTransition, useActionState, useEffect, useRef } from 'react';
import type { UserActionState } from './actions';
import { StepUpField } from '@/components/step-up-field';

const FIELD = 'mt-1 block w-full rounded-md border px-3 py-2 text-base shadow-sm focus:ring-2 focus:outline-none';
const FIELD_OK = 'border-slate-300 focus:border-blue-600 focus:ring-blue-600/30';
// The field in error stands out by its border and background as well as its message.
const FIELD_ERROR = 'border-rose-500 bg-rose-50/40 focus:border-rose-600 focus:ring-rose-600/30';

type FieldName = 'email' | 'name' | 'role';

/** A labelled control with its error below it, marked invalid (for screen readers too) while it has one. */
function Field({
  label,
  name,
  errors,
  children,
}: {
  label: string;
  name: FieldName;
  errors: UserActionState['errors'];
  /** The role picker's options. */
  children?: React.ReactNode;
}) {
  const id = `new-${name}`;
  const error = errors?.[name]?.[0];
  const props = {
    id,
    name,
    className: `${FIELD} ${error ? FIELD_ERROR : FIELD_OK}`,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  };
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {name === 'role' ? (
        <select {...props} defaultValue="VIEWER">
          {children}
        </select>
      ) : (
        <input {...props} type={name === 'email' ? 'email' : 'text'} required />
      )}
      <p id={`${id}-error`} className="mt-1 min-h-5 text-sm text-rose-700">
        {error}
      </p>
    </div>
  );
}

export function CreateUserForm({
  action: serverAction,
  roleOptions,
}: {
  /** Given by the page: a server action passed as a prop costs the page no client code to call it. */
  action: (state: UserActionState, formData: FormData) => Promise<UserActionState>;
  /** The roles a new user may get, as the page renders them (the rows' role pickers have the same). */
  roleOptions: React.ReactNode;
}) {
  const [state, action, pending] = useActionState(serverAction, {});
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // A created user clears the form; a refusal or a step-up question keeps what was typed (the form
    // is submitted below, not by React's form action, which would reset it) and puts the cursor in
    // the first field in error, so the person fixes it at once.
    if (state.ok) formRef.current?.reset();
    const first = (['email', 'name', 'role'] as const).find((f) => state.errors?.[f]?.length);
    if (first) formRef.current?.querySelector<HTMLElement>(`#new-${first}`)?.focus();
  }, [state]);
  return (
    <form
      ref={formRef}
      action={action}
      // Submitted here rather than by React's form action, which resets the form afterwards: a refusal
      // would lose what was typed and the chosen role.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="grid gap-4 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-start"
      noValidate
    >
      <Field label="Email" name="email" errors={state.errors} />
      <Field label="Name" name="name" errors={state.errors} />
      <Field label="Role" name="role" errors={state.errors}>
        {roleOptions}
      </Field>
      <div className="sm:pt-6">
        <button type="submit" disabled={pending} className="button-primary w-full px-4 py-2.5">
          {pending ? 'Creating…' : 'Create user'}
        </button>
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
