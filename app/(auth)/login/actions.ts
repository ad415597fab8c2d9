'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/auth';
import { INVALID_LOGIN, loginSchema } from '@/lib/auth/login';
import { secondFactorAsked } from '@/lib/auth/two-factor';
import type { ActionState } from '@/lib/auth/action';
import { safeNext } from '../safe-next';

export async function loginAction(
  _previous: ActionState<'email' | 'password'>,
  formData: FormData,
): Promise<ActionState<'email' | 'password'>> {
  const parsed = loginSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success)
    return { errors: { email: ['Enter your email and password.'] }, message: 'Enter your email and password.' };
  const next = safeNext(formData.get('next'));
  try {
    await signIn('credentials', { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code.startsWith('throttled_')) {
      const minutes = error.code.slice('throttled_'.length);
      return { message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === '1' ? '' : 's'}.` };
    }
    if (error instanceof AuthError) return { message: INVALID_LOGIN };
    throw error;
  }
  // The password was right. With a second factor, the code comes next (the page asked for after it).
  if (await secondFactorAsked(parsed.data.email))
    redirect(next === '/' ? '/login/code' : `/login/code?next=${encodeURIComponent(next)}`);
  redirect(next);
}
