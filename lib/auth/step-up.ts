// Step-up: an admin action, or a refund above the admin's threshold for its currency, asks a person
// who has a second factor for a fresh code, unless this session gave one in the last five minutes.
// It is checked on the server, in the action (lib/auth/action.ts calls it), whatever the page showed.
//
// The rule for people without a second factor (the demo's users, or a role the admin left optional):
// they are not asked. Step-up proves the person still holds the device they enrolled; without one
// there is nothing to prove, and the role's setting (two-factor sign-in required or not) is where the
// merchant decides whether everyone who can act must have one.
import 'server-only';
import { UserFacingError } from '../errors';
import { giveCode } from './two-factor';

export const STEP_UP_WINDOW_MS = 5 * 60_000;

/** The action needs a fresh code: the form shows a code field and sends the action again with it. */
export class StepUpRequired extends UserFacingError {
  override name = 'StepUpRequired';
}

export interface StepUpPerson {
  id: string;
  sessionId: string | null;
  twoFactor: { enrolled: boolean; codeAt: Date | null };
}

/** Whether this person may act now without a code: no second factor, or a code within five minutes. */
export function stepUpSatisfied(person: StepUpPerson, now = Date.now()): boolean {
  if (!person.twoFactor.enrolled) return true;
  const at = person.twoFactor.codeAt;
  return !!at && now - at.getTime() < STEP_UP_WINDOW_MS;
}

/**
 * Passes when no code is needed, or when `code` (from the form's stepUpCode field) is right; marks
 * the session so the next five minutes ask no code. Otherwise throws StepUpRequired with what to do.
 */
export async function requireStepUp(
  person: StepUpPerson,
  code: string | undefined,
  ip: string | null,
  why: string,
): Promise<void> {
  if (stepUpSatisfied(person)) return;
  if (!code?.trim()) throw new StepUpRequired(`${why} Enter a code from your authenticator app to confirm.`);
  const outcome = await giveCode(person, person.sessionId, code, 'step_up', ip);
  if (!outcome.ok) throw new StepUpRequired(outcome.message);
  person.twoFactor.codeAt = new Date();
}
