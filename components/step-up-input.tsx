// The code field an action asks for when it needs a fresh second-factor code (step-up: the action
// answered `stepUp: true`). The form is sent again with it as `stepUpCode`; the server checks it.
export function StepUpField({
  state,
  id,
  compact = false,
}: {
  state: { stepUp?: boolean; message?: string };
  /** Unique on the page: several forms may ask at once. */
  id: string;
  /** One line, for the small forms of a list row. */
  compact?: boolean;
}) {
  if (!state.stepUp) return null;
  return (
    <div className={compact ? 'flex flex-wrap items-center gap-2' : 'space-y-1'}>
      <label htmlFor={id} className={`text-sm font-medium ${compact ? 'text-slate-700' : 'block text-slate-800'}`}>
        Code from your authenticator app
      </label>
      <input
        id={id}
        name="stepUpCode"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        maxLength={24}
        aria-describedby={`${id}-why`}
        className={`rounded-md border border-amber-400 bg-white px-2 py-1 font-mono tracking-widest shadow-sm focus:border-blue-600 focus:ring-2 focus:ring-blue-600/30 focus:outline-none ${compact ? 'w-32 text-sm' : 'block w-40 text-base'}`}
      />
      <p id={`${id}-why`} className="text-sm text-amber-800">
        {state.message}
      </p>
    </div>
  );
}
