// Errors whose message is meant for the person who acted: a refusal the person can understand and
// act on (a rule, a role, a changed amount). Anything else is a fault: logged with its context, and
// the person sees only that nothing was changed (lib/auth/action.ts).
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}
