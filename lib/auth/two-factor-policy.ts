// Which roles must sign in with a second factor. The admin sets it per role (stored in
// two_factor_policy, changed through lib/users/two-factor.ts, audited). A role the admin never set
// has the default of real mode: required for those who can move money or change access (ADMIN and
// REFUNDER, and APPROVER, whose approval sends a refund), optional for VIEWER. The demo's seed stores it optional for every role, so the demo
// users sign in without a device (lib/demo/seed.ts).
import type { Role } from './roles';

export const DEFAULT_TWO_FACTOR_REQUIRED: Readonly<Record<Role, boolean>> = {
  ADMIN: true,
  REFUNDER: true,
  VIEWER: false,
  APPROVER: true,
};

/** The stored setting for the role, or its default when none is stored. */
export function twoFactorRequired(role: Role, stored: boolean | null | undefined): boolean {
  return stored ?? DEFAULT_TWO_FACTOR_REQUIRED[role] ?? true;
}
