'use server';

import { redirect } from 'next/navigation';
import { authorizedAction } from '@/lib/auth/action';
import { newPasswordSchema, setOwnPassword } from '@/lib/users/manage';

// Every role may change its own password; 'read' is what every signed-in role has.
export const changePasswordAction = authorizedAction(
  'changeOwnPassword',
  'read',
  newPasswordSchema,
  async (input, user) => {
    await setOwnPassword(user, input.password);
    redirect('/');
  },
);
