// Bad input is refused with a clear message before anything is signed or sent.
import { z } from 'zod';
import { AntomRequestError } from '../transport';

export function validateRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AntomRequestError(`Invalid ${what} request, nothing was sent:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Drops undefined fields so that the wire body has only what was given. */
export function compact<T extends Record<string, unknown>>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as T;
}
