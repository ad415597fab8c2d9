'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';

const field =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none';

export interface SettingField {
  name: string;
  label: string;
  placeholder: string;
  type?: 'email';
  inputMode?: 'decimal';
  /** A currency code: typed in capitals, three letters. */
  currency?: boolean;
}

/**
 * A few text fields and a button that set one thing (a step-up threshold, an approval rule), each
 * field with its error below it. The page gives the fields, the action and the words.
 */
export function SettingForm({
  action,
  id,
  fields,
  hidden,
  label,
  columns,
  submit,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Prefix of the fields' ids, unique on the page. */
  id: string;
  fields: SettingField[];
  /** Sent along as they are (the approval rule's kind). */
  hidden?: Record<string, string>;
  /** The form's accessible name. */
  label?: string;
  /** The grid of the fields and the button from the small breakpoint up. */
  columns: string;
  submit: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // Kept by the form: a step-up question or a refusal keeps what was typed (React resets action forms).
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <form action={formAction} className="space-y-2" noValidate aria-label={label}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className={`grid gap-4 sm:items-start ${columns}`}>
        {fields.map((f) => {
          const error = state.errors?.[f.name]?.[0];
          return (
            <div key={f.name}>
              <label htmlFor={`${id}-${f.name}`} className="block text-sm font-medium text-slate-700">
                {f.label}
              </label>
              <input
                id={`${id}-${f.name}`}
                name={f.name}
                type={f.type}
                inputMode={f.inputMode}
                value={values[f.name] ?? ''}
                onChange={(e) =>
                  setValues({ ...values, [f.name]: f.currency ? e.target.value.toUpperCase() : e.target.value })
                }
                maxLength={f.currency ? 3 : undefined}
                autoComplete="off"
                placeholder={f.placeholder}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-${f.name}-error` : undefined}
                className={`${field} ${f.currency ? 'font-mono uppercase' : ''}`}
              />
              {/* Only when there is one: a line kept empty for it left a gap under every row of the page. */}
              {error && (
                <p id={`${id}-${f.name}-error`} className="mt-1 text-sm text-red-700">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <div className="sm:pt-6">
          <SubmitButton pending={pending} busy="Saving…" look="secondary">
            {submit}
          </SubmitButton>
        </div>
      </div>
      <StepUpField state={state} id={`${id}-step-up`} />
      {/* Always there (a live region must exist before what it announces); no height reserved when empty. */}
      <p role="status" aria-live="polite" className="text-sm text-slate-600">
        {state.stepUp || state.errors ? '' : state.message}
      </p>
    </form>
  );
}
