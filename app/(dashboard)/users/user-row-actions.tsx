'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/auth/action';
import { changeRoleAction, resetPasswordAction, setActiveAction, type UserActionState } from './actions';

const small =
  'rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none disabled:opacity-50';

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
        <button type="submit" className={small} disabled={rolePending}>
          Change role
        </button>
      </form>
      {!isSelf && (
        <form action={activeAction}>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="active" value={active ? 'false' : 'true'} />
          <button type="submit" className={small} disabled={activePending}>
            {active ? 'Deactivate' : 'Reactivate'}
          </button>
        </form>
      )}
      <form action={resetAction}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" className={small} disabled={resetPending}>
          Reset password
        </button>
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
