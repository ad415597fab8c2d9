import type { ActionState } from '@/lib/auth/action';
import { ActionForm } from './action-form';

/**
 * One button that runs a server action for a row or a page (remove this, require that, reconcile
 * again): its fixed fields ride along hidden, a fresh-code question appears beside it (step-up), and
 * the action's answer is said next to it. One component for all of them keeps each page's client code
 * small; the button and its words are rendered here on the server, and only ./action-form.tsx comes
 * to the browser.
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
  return (
    <ActionForm action={action} stepUpId={stepUpId} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        aria-label={label}
        className="group rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-60"
      >
        {/* ActionForm disables the button while the action runs: then its busy words show instead. */}
        <span className="group-disabled:hidden">{children}</span>
        <span className="hidden group-disabled:inline">{busy}</span>
      </button>
    </ActionForm>
  );
}
