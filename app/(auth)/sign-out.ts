'use server';

import { signOut } from '@/lib/auth/auth';
import { getSessionUserChoosingPassword } from '@/lib/auth/session';
import { endOwnSessions } from '@/lib/users/manage';

export async function signOutAction() {
  const user = await getSessionUserChoosingPassword();
  if (user) await endOwnSessions(user);
  await signOut({ redirectTo: '/login' });
}
