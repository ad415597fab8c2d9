'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import {
  changeRole,
  createUser,
  createUserSchema,
  EmailTaken,
  resetPassword,
  ROLES,
  setActive,
} from '@/lib/users/manage';
import { resetTwoFactor } from '@/lib/users/two-factor';

export type UserActionState = ActionState<'email' | 'name' | 'role'> & { oneTimePassword?: string; forEmail?: string };

export const createUserAction = authorizedAction(
  'createUser',
  'manageUsers',
  createUserSchema,
  async (input, admin): Promise<UserActionState> => {
    let created;
    try {
      created = await createUser(admin, input);
    } catch (error) {
      // A taken email is the email field's error, shown and marked there like any other.
      if (error instanceof EmailTaken) return { errors: { email: [error.message] } };
      throw error;
    }
    const { user, oneTimePassword } = created;
    revalidatePath('/users');
    return {
      ok: true,
      oneTimePassword,
      forEmail: user.email,
      message: `${user.email} can now sign in with the one-time password below, then chooses their own.`,
    };
  },
);

// Sent only by the second click of a change (user-row-actions.tsx): one click never changes access.
const userIdSchema = z.object({
  userId: z.uuid(),
  confirm: z.literal('yes', 'Confirm the change first.'),
});

export const changeRoleAction = authorizedAction(
  'changeRole',
  'manageUsers',
  userIdSchema.extend({ role: z.enum(ROLES) }),
  async (input, admin) => {
    await changeRole(admin, input.userId, input.role);
    revalidatePath('/users');
    return { ok: true, message: 'Role changed. Their open sessions end at their next request.' };
  },
);

export const setActiveAction = authorizedAction(
  'setUserActive',
  'manageUsers',
  userIdSchema.extend({ active: z.enum(['true', 'false']) }),
  async (input, admin) => {
    await setActive(admin, input.userId, input.active === 'true');
    revalidatePath('/users');
    return {
      ok: true,
      message: input.active === 'true' ? 'Reactivated.' : 'Deactivated: signed out everywhere at their next request.',
    };
  },
);

export const resetPasswordAction = authorizedAction(
  'resetPassword',
  'manageUsers',
  userIdSchema,
  async (input, admin): Promise<UserActionState> => {
    const { oneTimePassword } = await resetPassword(admin, input.userId);
    revalidatePath('/users');
    return { ok: true, oneTimePassword, message: 'New one-time password (shown once):' };
  },
);

/** Lost device: removes their second factor and recovery codes, and signs them out everywhere. */
export const resetTwoFactorAction = authorizedAction(
  'resetTwoFactor',
  'manageUsers',
  userIdSchema,
  async (input, admin) => {
    await resetTwoFactor(admin, input.userId);
    revalidatePath('/users');
    return {
      ok: true,
      message:
        'Second factor removed; signed out everywhere. They sign in with their password (and set up a new device first where their role requires one).',
    };
  },
);
