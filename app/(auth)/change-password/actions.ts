'use server';

import { redirect } from 'next/navigation';
import { authorizedAction } from '@/lib/auth/action';
import { unstable_update } from '@/lib/auth/auth';
import { newPasswordSchema, setOwnPassword } from '@/lib/users/manage';

// Every role may change its own password; 'read' is what every signed-in role has.
export const changePasswordAction = authorizedAction(
  'changeOwnPassword',
  'read',
  newPasswordSchema,
  async (input, user) => {
    await setOwnPassword(user, input, user.sessionId);
    // Every other session ended with the change; this one takes the new session version now.
    await unstable_update({});
    redirect('/');
  },
  // The one action a one-time-password session may use (and anyone signed in).
  { gate: 'password' },
);
