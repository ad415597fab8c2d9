import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format/date-time';
import { merchantTimeZone, timeZoneLabel } from '@/lib/format/time-zone';
import { listUsers } from '@/lib/users/manage';
import { twoFactorPolicy } from '@/lib/users/two-factor';
import {
  changeRoleAction,
  createUserAction,
  resetPasswordAction,
  resetTwoFactorAction,
  setActiveAction,
} from './actions';
import { CreateUserForm } from './create-user-form';
import { UserRowActions, type UserActions, type UserChange } from './user-row-actions';

const ROW_ACTIONS: UserActions = {
  changeRole: changeRoleAction,
  setActive: setActiveAction,
  resetPassword: resetPasswordAction,
  resetTwoFactor: resetTwoFactorAction,
};

// The roles an admin gives here, for the new-user form and each row's role picker: every role, or an
// approver's row would show another role and "Change role" would quietly take approving away.
const ROLE_OPTIONS = (
  <>
    {(['VIEWER', 'REFUNDER', 'APPROVER', 'ADMIN'] as const).map((role) => (
      <option key={role} value={role}>
        {ROLE_LABELS[role]}
      </option>
    ))}
  </>
);

/** The hidden fields of a change to user `id`: which action, whose, and what to set. */
function hidden(action: UserChange['action'], id: string, more: Record<string, string> = {}) {
  return Object.entries({ op: action, userId: id, ...more }).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}

/** What an admin may change of one user (not their own role or access), for the row's forms. */
function changesOf(
  u: { id: string; email: string; role: string; active: boolean; totpEnrolledAt: Date | null },
  isSelf: boolean,
): UserChange[] {
  const changes: UserChange[] = [];
  if (!isSelf)
    changes.push(
      {
        action: 'changeRole',
        label: 'Change role',
        confirmLabel: `Confirm: change ${u.email}'s role`,
        fields: (
          <>
            {hidden('changeRole', u.id)}
            <label className="sr-only" htmlFor={`role-${u.id}`}>
              Role of {u.email}
            </label>
            <select
              id={`role-${u.id}`}
              name="role"
              defaultValue={u.role}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              {ROLE_OPTIONS}
            </select>
          </>
        ),
      },
      {
        action: 'setActive',
        label: u.active ? 'Deactivate' : 'Reactivate',
        confirmLabel: u.active ? `Confirm: deactivate ${u.email}` : `Confirm: reactivate ${u.email}`,
        fields: hidden('setActive', u.id, { active: u.active ? 'false' : 'true' }),
      },
    );
  changes.push({
    action: 'resetPassword',
    label: 'Reset password',
    confirmLabel: `Confirm: new one-time password for ${u.email}`,
    fields: hidden('resetPassword', u.id),
  });
  if (u.totpEnrolledAt)
    changes.push({
      action: 'resetTwoFactor',
      label: 'Reset second factor',
      confirmLabel: `Confirm: remove ${u.email}'s second factor and sign them out`,
      fields: hidden('resetTwoFactor', u.id),
    });
  return changes;
}

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const admin = await requireUser('manageUsers');
  const [users, policy] = await Promise.all([listUsers(admin), twoFactorPolicy(admin)]);
  const required = (role: string) => policy.find((p) => p.role === role)?.required ?? false;
  // The merchant's clock, as on every other page (it was UTC here).
  const timeZone = merchantTimeZone();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          Viewers read everything; refunders also refund and re-check refunds; admins also manage users and read the
          audit log. Which roles must sign in with a second factor is under{' '}
          <a href="/settings" className="text-blue-700 underline underline-offset-2">
            Settings
          </a>
          .
        </p>
      </div>
      <section aria-labelledby="create-user" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="create-user" className="mb-4 text-base font-semibold text-slate-900">
          Add a user
        </h2>
        <CreateUserForm action={createUserAction} roleOptions={ROLE_OPTIONS} />
      </section>
      <section aria-labelledby="all-users">
        <h2 id="all-users" className="mb-3 text-base font-semibold text-slate-900">
          Everyone with access
        </h2>
        <p className="mb-3 -mt-2 text-xs text-slate-500">Times in {timeZoneLabel(timeZone)}.</p>
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm">
          {users.map((u) => (
            <li key={u.id} className="flex flex-col gap-3 p-4 lg:flex-row lg:items-center lg:justify-between">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {u.name} {u.id === admin.id && <span className="text-sm font-normal text-slate-500">(you)</span>}
                </p>
                <p className="truncate text-sm text-slate-600">{u.email}</p>
                <p className="mt-1 flex flex-wrap gap-2 text-xs">
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700">
                    {ROLE_LABELS[u.role]}
                  </span>
                  {u.active ? (
                    <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-800">Active</span>
                  ) : (
                    <span className="rounded-full bg-slate-200 px-2 py-0.5 font-medium text-slate-700">
                      Deactivated
                    </span>
                  )}
                  {u.totpEnrolledAt ? (
                    <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-800">
                      Two-factor on
                    </span>
                  ) : (
                    u.active &&
                    required(u.role) && (
                      <span className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-800">
                        Sets up two-factor at next sign-in
                      </span>
                    )
                  )}
                  {u.mustChangePassword && (
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-800">
                      Has a one-time password
                    </span>
                  )}
                  <span className="text-slate-500">
                    {u.lastLoginAt ? (
                      <>
                        Last sign-in{' '}
                        <time dateTime={u.lastLoginAt.toISOString()}>
                          {formatDateTime(u.lastLoginAt, { seconds: false }, timeZone)}
                        </time>
                      </>
                    ) : (
                      'Never signed in'
                    )}
                  </span>
                </p>
              </div>
              <UserRowActions userId={u.id} actions={ROW_ACTIONS} changes={changesOf(u, u.id === admin.id)} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
