'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import type { Role } from '@/lib/auth/roles';
import { StepUpField } from '@/components/step-up-field';
import { SubmitButton } from '@/components/submit-button';

export interface PolicyRow {
  role: Role;
  label: string;
  required: boolean;
  isDefault: boolean;
  users: number;
  enrolled: number;
}

export function TwoFactorPolicyForm({
  rows,
  action: serverAction,
}: {
  rows: PolicyRow[];
  /** Given by the page (a server action passed as a prop costs the page no client code to call it). */
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, action, pending] = useActionState(serverAction, {});
  // Kept by the form: a step-up question must not undo the boxes (React resets action forms).
  const [required, setRequired] = useState(() => Object.fromEntries(rows.map((r) => [r.role, r.required])));
  return (
    <form action={action} className="space-y-4">
      <ul className="divide-y divide-slate-100">
        {rows.map((r) => (
          <li key={r.role} className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 py-3">
            <label className="flex items-center gap-3 font-medium text-slate-900">
              <input
                type="checkbox"
                name={r.role}
                checked={required[r.role]}
                onChange={(e) => setRequired((now) => ({ ...now, [r.role]: e.target.checked }))}
                className="size-4 accent-blue-700"
              />
              {r.label}: required
            </label>
            <span className="text-sm text-slate-500">
              {r.enrolled} of {r.users} active {r.users === 1 ? 'person has' : 'people have'} it
              {r.isDefault ? ' · default' : ''}
            </span>
          </li>
        ))}
      </ul>
      <StepUpField state={state} id="policy-step-up" />
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} busy="Saving…" look="secondary">
          Save
        </SubmitButton>
        <p role="status" aria-live="polite" className="text-sm text-slate-600">
          {state.stepUp ? '' : state.message}
        </p>
      </div>
    </form>
  );
}
