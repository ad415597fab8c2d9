'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { authorizedAction } from '@/lib/auth/action';
import { giveCode } from '@/lib/auth/two-factor';
import { safeNext } from '../../safe-next';

/** The code after the password: the one action a session at that step may use (lib/auth/session.ts). */
export const signInCodeAction = authorizedAction(
  'giveSignInCode',
  'read',
  z.object({ code: z.string().trim().min(1, 'Enter the code.').max(64), next: z.string().max(2048).optional() }),
  async (input, user, { ip }) => {
    const outcome = await giveCode(user, user.sessionId, input.code, 'sign_in', ip);
    if (!outcome.ok) return { errors: { code: [outcome.message] }, message: outcome.message };
    redirect(safeNext(input.next));
  },
  { gate: 'code' },
);
