'use server';

import { redirect } from 'next/navigation';
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
  // Our own redirect, to a path: Auth.js would build an absolute one from the request's Host header.
  await signOut({ redirect: false });
  redirect('/login');
}
