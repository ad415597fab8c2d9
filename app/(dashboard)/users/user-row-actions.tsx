'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { StepUpField } from '@/components/step-up-field';
import type { UserActionState } from './actions';

type Action<S> = (state: S, formData: FormData) => Promise<S>;

/** The page gives the actions: server actions passed as props cost the page no client code to call them. */
export interface UserActions {
  changeRole: Action<ActionState>;
  setActive: Action<ActionState>;
  resetPassword: Action<UserActionState>;
  resetTwoFactor: Action<ActionState>;
}

const small =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-50';

// The second click reads as what it is: a change to someone's access (its own classes: appended to
// `small`, the colours would lose to small's own border and text colours).
const confirmStyle =
  'rounded-md border border-rose-300 bg-rose-50 px-2.5 py-1 text-sm font-medium text-rose-800 hover:bg-rose-100 focus-visible:ring-2 focus-visible:ring-rose-600 focus-visible:outline-none disabled:opacity-50';

/**
 * A change to someone's access acts on a second click: the first says what will happen and offers
 * Cancel. The form sends confirm=yes only from that second click, and the action refuses without it,
 * so a stray click (or a forged one-click POST) changes nothing. An admin with a second factor is
 * then asked for a fresh code, unless they gave one in the last five minutes (step-up).
 */
function ConfirmSubmit({ label, confirmLabel, pending }: { label: string; confirmLabel: string; pending: boolean }) {
  const [armed, setArmed] = useState(false);
  if (!armed)
    return (
      <button type="button" className={small} disabled={pending} onClick={() => setArmed(true)}>
        {label}
      </button>
    );
  return (
    <span className="inline-flex items-center gap-1">
      <input type="hidden" name="confirm" value="yes" />
      <button type="submit" className={confirmStyle} disabled={pending}>
        {confirmLabel}
      </button>
      <button type="button" className={small} onClick={() => setArmed(false)}>
        Cancel
      </button>
    </span>
  );
}

/** A result worth a line under the row (a step-up question is shown in its form instead). */
const said = (state: ActionState) => (state.stepUp ? undefined : state.message);

export function UserRowActions({
  userId,
  email,
  role,
  active,
  isSelf,
  twoFactor,
  actions,
}: {
  userId: string;
  email: string;
  role: string;
  active: boolean;
  isSelf: boolean;
  /** They have a second factor (an admin can reset it when they lose their device). */
  twoFactor: boolean;
  actions: UserActions;
}) {
  const [roleState, roleAction, rolePending] = useActionState(actions.changeRole, {});
  const [activeState, activeAction, activePending] = useActionState(actions.setActive, {});
  const [resetState, resetAction, resetPending] = useActionState(actions.resetPassword, {});
  const [factorState, factorAction, factorPending] = useActionState(actions.resetTwoFactor, {});
  // Kept by the form: a step-up question must not put the chosen role back (React resets action forms).
  const [chosenRole, setChosenRole] = useState(role);
  const message = resetState.oneTimePassword
    ? null
    : (said(roleState) ?? said(activeState) ?? said(resetState) ?? said(factorState));
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!isSelf && (
        <form action={roleAction} className="flex flex-wrap items-center gap-1">
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`role-${userId}`}>
            Role of {email}
          </label>
          <select
            id={`role-${userId}`}
            name="role"
            value={chosenRole}
            onChange={(e) => setChosenRole(e.target.value)}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            <option value="VIEWER">Viewer</option>
            <option value="REFUNDER">Refunder</option>
            <option value="ADMIN">Admin</option>
          </select>
          <ConfirmSubmit label="Change role" confirmLabel={`Confirm: change ${email}'s role`} pending={rolePending} />
          <StepUpField state={roleState} id={`role-code-${userId}`} compact />
        </form>
      )}
      {!isSelf && (
        <form action={activeAction} className="flex flex-wrap items-center gap-1">
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="active" value={active ? 'false' : 'true'} />
          <ConfirmSubmit
            label={active ? 'Deactivate' : 'Reactivate'}
            confirmLabel={active ? `Confirm: deactivate ${email}` : `Confirm: reactivate ${email}`}
            pending={activePending}
          />
          <StepUpField state={activeState} id={`active-code-${userId}`} compact />
        </form>
      )}
      <form action={resetAction} className="flex flex-wrap items-center gap-1">
        <input type="hidden" name="userId" value={userId} />
        <ConfirmSubmit
          label="Reset password"
          confirmLabel={`Confirm: new one-time password for ${email}`}
          pending={resetPending}
        />
        <StepUpField state={resetState} id={`password-code-${userId}`} compact />
      </form>
      {twoFactor && (
        <form action={factorAction} className="flex flex-wrap items-center gap-1">
          <input type="hidden" name="userId" value={userId} />
          <ConfirmSubmit
            label="Reset second factor"
            confirmLabel={`Confirm: remove ${email}'s second factor and sign them out`}
            pending={factorPending}
          />
          <StepUpField state={factorState} id={`factor-code-${userId}`} compact />
        </form>
      )}
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {resetState.oneTimePassword ? (
          <>
            One-time password:{' '}
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono select-all">
              {resetState.oneTimePassword}
            </code>
          </>
        ) : (
          message
        )}
      </span>
    </div>
  );
}
