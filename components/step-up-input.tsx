// The code field itself, loaded by ./step-up-field.tsx the first time an action asks for a code.
import type { StepUpFieldProps } from './step-up-field';

export default function StepUpInput({ state, id, compact = false }: StepUpFieldProps) {
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
