'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { changeRoleAction, resetPasswordAction, setActiveAction, type UserActionState } from './actions';

const small =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-50';

// The second click reads as what it is: a change to someone's access (its own classes: appended to
// `small`, the colours would lose to small's own border and text colours).
const confirmStyle =
  'rounded-md border border-rose-300 bg-rose-50 px-2.5 py-1 text-sm font-medium text-rose-800 hover:bg-rose-100 focus-visible:ring-2 focus-visible:ring-rose-600 focus-visible:outline-none disabled:opacity-50';

/**
 * A change to someone's access acts on a second click: the first says what will happen and offers
 * Cancel. The form sends confirm=yes only from that second click, and the action refuses without it,
 * so a stray click (or a forged one-click POST) changes nothing.
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

export function UserRowActions({
  userId,
  email,
  role,
  active,
  isSelf,
}: {
  userId: string;
  email: string;
  role: string;
  active: boolean;
  isSelf: boolean;
}) {
  const [roleState, roleAction, rolePending] = useActionState<ActionState, FormData>(changeRoleAction, {});
  const [activeState, activeAction, activePending] = useActionState<ActionState, FormData>(setActiveAction, {});
  const [resetState, resetAction, resetPending] = useActionState<UserActionState, FormData>(resetPasswordAction, {});
  const message = resetState.oneTimePassword ? null : (roleState.message ?? activeState.message ?? resetState.message);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!isSelf && (
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="userId" value={userId} />
          <label className="sr-only" htmlFor={`role-${userId}`}>
            Role of {email}
          </label>
          <select
            id={`role-${userId}`}
            name="role"
            defaultValue={role}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            <option value="VIEWER">Viewer</option>
            <option value="REFUNDER">Refunder</option>
            <option value="ADMIN">Admin</option>
          </select>
          <ConfirmSubmit label="Change role" confirmLabel={`Confirm: change ${email}'s role`} pending={rolePending} />
        </form>
      )}
      {!isSelf && (
        <form action={activeAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="active" value={active ? 'false' : 'true'} />
          <ConfirmSubmit
            label={active ? 'Deactivate' : 'Reactivate'}
            confirmLabel={active ? `Confirm: deactivate ${email}` : `Confirm: reactivate ${email}`}
            pending={activePending}
          />
        </form>
      )}
      <form action={resetAction}>
        <input type="hidden" name="userId" value={userId} />
        <ConfirmSubmit
          label="Reset password"
          confirmLabel={`Confirm: new one-time password for ${email}`}
          pending={resetPending}
        />
      </form>
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
