// One wrapper for every server action. A server action is a public endpoint: whatever the page
// showed, the wrapper reads the session, checks the role, parses the input with zod and only then
// runs the handler. Refusals are written to the audit log. Expected errors show their message;
// anything else is logged and the person sees that nothing was changed.
//
// Step-up (lib/auth/step-up.ts): every admin action (a permission only admins hold) asks a person
// with a second factor for a fresh code first, unless this session gave one in the last five minutes;
// a handler asks the same for its own reasons (a large refund) through `context.stepUp`. The code
// comes in the form's `stepUpCode` field; without it the action answers `stepUp: true` and the form
// shows the field.
import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { prisma } from '../db';
import { writeAudit } from '../audit/log';
import { UserFacingError } from '../errors';
import { clientIp } from './client-ip';
import { can, type Permission } from './roles';
import { GATE_MESSAGES, getAnySessionUser, sessionGate, type SessionGate, type SessionUser } from './session';
import { requireStepUp, StepUpRequired } from './step-up';
import { errorFields, log } from '../ops/log';

export interface ActionState<Field extends string = string> {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<Field, string[]>>;
  /** A fresh code is needed: the form shows the code field (stepUpCode) and sends again. */
  stepUp?: boolean;
}

export interface ActionContext {
  /** The client's address, for the audit log. */
  ip: string | null;
  /**
   * Asks for a fresh second-factor code unless this session gave one in the last five minutes (or
   * the person has no second factor). `why` starts the message the person sees.
   */
  stepUp(why: string): Promise<void>;
}

/** Permissions only admins hold: every action that needs one asks for a fresh code (step-up). */
const ADMIN_ONLY: readonly Permission[] = ['manageUsers', 'manageSettings', 'importReports', 'explainDifferences'];

export function authorizedAction<
  Schema extends z.ZodType,
  Field extends string = Extract<keyof z.input<Schema>, string>,
>(
  name: string,
  permission: Permission,
  schema: Schema,
  handler: (input: z.output<Schema>, user: SessionUser, context: ActionContext) => Promise<ActionState<Field>>,
  /** `gate`: the one step a session may still have to take and use this action for (its own step's action). */
  options: { gate?: SessionGate } = {},
) {
  return async (_previous: ActionState<Field>, formData: FormData): Promise<ActionState<Field>> => {
    // Read whatever step the session is at: refused below, except for the action of that step.
    const user = await getAnySessionUser();
    if (!user || !can(user.role, permission)) {
      await writeAudit(prisma, {
        actorType: user ? 'USER' : 'SYSTEM',
        actorId: user?.id ?? null,
        action: 'auth.action_denied',
        details: { action: name, permission, signedIn: !!user },
        ip: clientIp(await headers()),
      });
      return { message: user ? 'Your role does not allow this.' : 'Your session has ended. Sign in again.' };
    }
    // A code still to give, a one-time password, a second factor to set up: only that step's action.
    const gate = await sessionGate();
    if (gate && gate !== options.gate) return { message: GATE_MESSAGES[gate] };
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return {
        errors: z.flattenError(parsed.error).fieldErrors as unknown as ActionState<Field>['errors'],
        message: 'Check the highlighted fields.',
      };
    }
    const code = formData.get('stepUpCode');
    const ip = clientIp(await headers());
    const context: ActionContext = {
      ip,
      stepUp: (why) => requireStepUp(user, typeof code === 'string' ? code : undefined, ip, why),
    };
    try {
      if (ADMIN_ONLY.includes(permission)) await context.stepUp('This is an admin action.');
      return await handler(parsed.data, user, context);
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() travel as exceptions
      if (error instanceof StepUpRequired) return { stepUp: true, message: error.message };
      if (error instanceof UserFacingError) return { message: error.message };
      log('actions').error({ action: name, userId: user.id, ...errorFields(error) }, 'action failed');
      return { message: 'Something went wrong and nothing was changed. Try again, or ask an admin to check the logs.' };
    }
  };
}
