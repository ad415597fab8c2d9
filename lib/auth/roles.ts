// Who may do what. Pages, server actions, route handlers and data functions all ask here.
import { UserFacingError } from '../errors';
export type Role = 'ADMIN' | 'REFUNDER' | 'VIEWER' | 'APPROVER';

// importReports: import Antom's reconciliation files; explainDifferences: mark a reconciliation difference explained.
// approveRefunds: approve or reject a refund waiting for a second person (never one's own: lib/approvals).
export type Permission =
  | 'read'
  | 'refund'
  | 'manageUsers'
  | 'manageSettings'
  | 'viewAudit'
  | 'viewMethodRules'
  | 'importReports'
  | 'explainDifferences'
  | 'approveRefunds';

const GRANTS: Record<Role, readonly Permission[]> = {
  VIEWER: ['read'],
  REFUNDER: ['read', 'refund'],
  // A second pair of eyes on refunds: sees what a viewer sees, approves or rejects, asks for none.
  APPROVER: ['read', 'approveRefunds'],
  ADMIN: [
    'read',
    'refund',
    'manageUsers',
    'manageSettings',
    'viewAudit',
    'viewMethodRules',
    'importReports',
    'explainDifferences',
    'approveRefunds',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role]?.includes(permission) ?? false; // an unknown role is granted nothing
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  REFUNDER: 'Refunder',
  VIEWER: 'Viewer',
  APPROVER: 'Approver',
};

/** Who is acting, as every lib function that changes or reads merchant data takes it. */
export interface Actor {
  id: string;
  role: Role;
}

/** The actor's role does not grant the permission. Its message is the person's. */
export class Forbidden extends UserFacingError {
  override name = 'Forbidden';
  constructor(message = 'Your role does not allow this.') {
    super(message);
  }
}

/**
 * Every data function that app/ calls starts here: whatever page or button led to it, the acting
 * user must hold the permission. lib/ never reads the session itself (lib/auth/session.ts does, for
 * app/), so these functions are tested by passing an actor, not by faking a request.
 */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new Forbidden();
}
