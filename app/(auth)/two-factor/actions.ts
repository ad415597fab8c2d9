'use server';

import { z } from 'zod';
import { authorizedAction, type ActionState } from '@/lib/auth/action';
import { confirmEnrolment, replaceRecoveryCodes } from '@/lib/auth/two-factor';

export type EnrolState = ActionState<'code'> & { recoveryCodes?: string[] };

/** Confirms the secret on the page with a code from the app; the session at the enrolment step may use it. */
export const confirmEnrolmentAction = authorizedAction(
  'confirmTwoFactor',
  'read',
  z.object({ code: z.string().trim().min(1, 'Enter the six digits the app shows.').max(16) }),
  async (input, user, { ip }): Promise<EnrolState> => {
    const outcome = await confirmEnrolment(user, user.sessionId, input.code, ip);
    if (!outcome.ok) return { errors: { code: [outcome.message] }, message: outcome.message };
    return { ok: true, recoveryCodes: outcome.recoveryCodes };
  },
  { gate: 'enrol' },
);

/** New recovery codes in place of the old ones: asks for a fresh code (step-up) first. */
export const replaceRecoveryCodesAction = authorizedAction(
  'replaceRecoveryCodes',
  'read',
  z.object({}),
  async (_input, user, { ip, stepUp }): Promise<EnrolState> => {
    await stepUp('New recovery codes replace the ones you have.');
    return { ok: true, recoveryCodes: await replaceRecoveryCodes(user, ip) };
  },
);
