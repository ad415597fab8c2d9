'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from './step-up-field';

/**
 * One button that runs a server action for a row or a page (remove this, require that, reconcile
 * again): its fixed fields ride along hidden, a fresh-code question appears beside it (step-up), and
 * the action's answer is said next to it. One component for all of them keeps each page's client code small.
 */
export function ActionButton({
  action,
  fields = {},
  stepUpId,
  busy,
  label,
  className = '',
  children,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields?: Record<string, string>;
  /** Unique on the page: several rows may ask at once. */
  stepUpId: string;
  busy: string;
  /** The button's accessible name, when its text alone would not say what it acts on. */
  label?: string;
  className?: string;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className={`flex flex-wrap items-center gap-2 ${className}`}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <StepUpField state={state} id={stepUpId} compact />
      <button
        type="submit"
        disabled={pending}
        aria-label={label}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60"
      >
        {pending ? busy : children}
      </button>
      {!state.stepUp && state.message && (
        <span role="status" className={`text-sm ${state.ok ? 'text-emerald-800' : 'text-rose-700'}`}>
          {state.message}
        </span>
      )}
    </form>
  );
}
