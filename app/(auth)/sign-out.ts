'use server';

import { signOut } from '@/lib/auth/auth';
import { getAnySessionUser, sessionGate } from '@/lib/auth/session';
import { closeAuthSession } from '@/lib/auth/two-factor';
import { endOwnSessions } from '@/lib/users/manage';

export async function signOutAction() {
  const user = await getAnySessionUser(); // at any step: a code still owed, a one-time password
  if (user && (await sessionGate()) === 'code') {
    // Only the password was given: this session ends, the person's other (full) sessions do not.
    await closeAuthSession(user.id, user.sessionId);
  } else if (user) await endOwnSessions(user);
  await signOut({ redirectTo: '/login' });
}
