'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { authorizedAction, UserFacingError, type ActionState } from '@/lib/auth/action';
import { prisma } from '@/lib/db';
import { changeRole, createUser, createUserSchema, resetPassword, ROLES, setActive, UserChangeRefused } from '@/lib/users/manage';

export type UserActionState = ActionState<'email' | 'name' | 'role'> & { oneTimePassword?: string; forEmail?: string };

async function refusedAsMessage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserChangeRefused) throw new UserFacingError(error.message);
    throw error;
  }
}

export const createUserAction = authorizedAction('createUser', 'manageUsers', createUserSchema, async (input, admin): Promise<UserActionState> => {
  const { user, oneTimePassword } = await refusedAsMessage(() => createUser(prisma, input, admin.id));
  revalidatePath('/users');
  return { ok: true, oneTimePassword, forEmail: user.email, message: `${user.email} can now sign in with the one-time password below, then chooses their own.` };
});

const userIdSchema = z.object({ userId: z.uuid() });

export const changeRoleAction = authorizedAction('changeRole', 'manageUsers', userIdSchema.extend({ role: z.enum(ROLES) }), async (input, admin) => {
  await refusedAsMessage(() => changeRole(prisma, input.userId, input.role, admin.id));
  revalidatePath('/users');
  return { ok: true, message: 'Role changed. Their open sessions end at their next request.' };
});

export const setActiveAction = authorizedAction('setUserActive', 'manageUsers', userIdSchema.extend({ active: z.enum(['true', 'false']) }), async (input, admin) => {
  await refusedAsMessage(() => setActive(prisma, input.userId, input.active === 'true', admin.id));
  revalidatePath('/users');
  return { ok: true, message: input.active === 'true' ? 'Reactivated.' : 'Deactivated: signed out everywhere at their next request.' };
});

export const resetPasswordAction = authorizedAction('resetPassword', 'manageUsers', userIdSchema, async (input, admin): Promise<UserActionState> => {
  const { oneTimePassword } = await refusedAsMessage(() => resetPassword(prisma, input.userId, admin.id));
  revalidatePath('/users');
  return { ok: true, oneTimePassword, message: 'New one-time password (shown once):' };
});
