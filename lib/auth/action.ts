// One wrapper for every server action. A server action is a public endpoint: whatever the page
// showed, the wrapper reads the session, checks the role, parses the input with zod and only then
// runs the handler. Refusals are written to the audit log. Expected errors show their message;
// anything else is logged and the person sees that nothing was changed.
import 'server-only';
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { prisma } from '../db';
import { writeAudit } from '../audit/log';
import { UserFacingError } from '../errors';
import { clientIp } from './client-ip';
import { can, type Permission } from './roles';
import { getSessionUserChoosingPassword, type SessionUser } from './session';

export interface ActionState<Field extends string = string> {
  ok?: boolean;
  message?: string;
  errors?: Partial<Record<Field, string[]>>;
}

export function authorizedAction<
  Schema extends z.ZodType,
  Field extends string = Extract<keyof z.input<Schema>, string>,
>(
  name: string,
  permission: Permission,
  schema: Schema,
  handler: (input: z.output<Schema>, user: SessionUser) => Promise<ActionState<Field>>,
) {
  return async (_previous: ActionState<Field>, formData: FormData): Promise<ActionState<Field>> => {
    // Read whatever the password: a one-time one is refused below, except for choosing a real one.
    const user = await getSessionUserChoosingPassword();
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
    // A one-time password only lets its holder choose a real one.
    if (user.mustChangePassword && name !== 'changeOwnPassword') return { message: 'Choose your own password first.' };
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return {
        errors: z.flattenError(parsed.error).fieldErrors as unknown as ActionState<Field>['errors'],
        message: 'Check the highlighted fields.',
      };
    }
    try {
      return await handler(parsed.data, user);
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() travel as exceptions
      if (error instanceof UserFacingError) return { message: error.message };
      console.error(`[action ${name}] failed for user ${user.id}:`, error);
      return { message: 'Something went wrong and nothing was changed. Try again, or ask an admin to check the logs.' };
    }
  };
}
