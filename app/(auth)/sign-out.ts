'use server';

import { signOut } from '@/lib/auth/auth';
import { getSessionUser } from '@/lib/auth/session';
import { endOwnSessions } from '@/lib/users/manage';

export async function signOutAction() {
  const user = await getSessionUser();
  if (user) await endOwnSessions(user);
  await signOut({ redirectTo: '/login' });
}
