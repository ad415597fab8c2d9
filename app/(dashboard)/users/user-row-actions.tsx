'use client';

import { startTransition, useActionState, useState } from 'react';
import { StepUpField } from '@/components/step-up-field';
import type { ActionState } from '@/lib/auth/action';
import type { UserActionState } from './actions';

type Action<S> = (state: S, formData: FormData) => Promise<S>;

/** The page gives the actions: server actions passed as props cost the page no client code to call them. */
export interface UserActions {
  changeRole: Action<ActionState>;
  setActive: Action<ActionState>;
  resetPassword: Action<UserActionState>;
  resetTwoFactor: Action<ActionState>;
}

/** The row's action state: the last answer, and which change it answers. */
type RowState = UserActionState & { op?: keyof UserActions };

/** One change to a user's access, as the page describes it for a row. */
export interface UserChange {
  /** Which of the row's actions it runs. */
  action: keyof UserActions;
  label: string;
  /** The second click's words: what exactly will happen, to whom. */
  confirmLabel: string;
  /**
   * Its fields, rendered by the page: hidden ones naming the action (op), the user and what to set,
   * and a control of its own (the role picker).
   */
  fields: React.ReactNode;
}

const small =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-50';

// The second click reads as what it is: a change to someone's access (its own classes: appended to
// `small`, the colours would lose to small's own border and text colours).
const confirmStyle =
  'rounded-md border border-rose-300 bg-rose-50 px-2.5 py-1 text-sm font-medium text-rose-800 hover:bg-rose-100 focus-visible:ring-2 focus-visible:ring-rose-600 focus-visible:outline-none disabled:opacity-50';

/**
 * A row's changes to someone's access, each a form that acts on a second click: the first says what
 * will happen and offers Cancel. The form sends confirm=yes only from that second click, and the
 * action refuses without it, so a stray click (or a forged one-click POST) changes nothing. An admin
 * with a second factor is then asked for a fresh code, unless they gave one in the last five minutes
 * (step-up). One action state for the row: its answer is said on one line, the code asked for in the
 * form that needs it.
 */
export function UserRowActions({
  userId,
  actions,
  changes,
}: {
  userId: string;
  actions: UserActions;
  changes: UserChange[];
}) {
  const [state, dispatch, pending] = useActionState<RowState, FormData>(async (prev, data) => {
    const op = data.get('op') as keyof UserActions;
    return { ...(await actions[op](prev, data)), op };
  }, {});
  // The change whose confirmation is showing.
  const [armed, setArmed] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {changes.map((c) => (
        <form
          key={c.action}
          // Submitted here rather than by React's form action, which resets the form afterwards: a
          // step-up question would put the chosen role back.
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            startTransition(() => dispatch(data));
          }}
          className="flex flex-wrap items-center gap-1"
        >
          {c.fields}
          {armed === c.action ? (
            <>
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" className={confirmStyle} disabled={pending}>
                {c.confirmLabel}
              </button>
              <button type="button" className={small} onClick={() => setArmed(null)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className={small} disabled={pending} onClick={() => setArmed(c.action)}>
              {c.label}
            </button>
          )}
          {state.op === c.action && <StepUpField state={state} id={`${c.action}-code-${userId}`} compact />}
        </form>
      ))}
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {state.oneTimePassword ? (
          <>
            One-time password:{' '}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono select-all">{state.oneTimePassword}</code>
          </>
        ) : (
          !state.stepUp && state.message
        )}
      </span>
    </div>
  );
}
