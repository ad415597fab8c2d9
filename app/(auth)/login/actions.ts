'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn } from '@/lib/auth/auth';
import { INVALID_LOGIN, loginSchema } from '@/lib/auth/login';
import type { ActionState } from '@/lib/auth/action';

/** Only same-site paths: never an open redirect to another host. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export async function loginAction(
  _previous: ActionState<'email' | 'password'>,
  formData: FormData,
): Promise<ActionState<'email' | 'password'>> {
  const parsed = loginSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success)
    return { errors: { email: ['Enter your email and password.'] }, message: 'Enter your email and password.' };
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: safeNext(formData.get('next')) });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code.startsWith('throttled_')) {
      const minutes = error.code.slice('throttled_'.length);
      return { message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === '1' ? '' : 's'}.` };
    }
    if (error instanceof AuthError) return { message: INVALID_LOGIN };
    throw error; // the success redirect, or a real failure
  }
}
