// Who may do what. Pages, server actions, route handlers and data functions all ask here.
export type Role = 'ADMIN' | 'REFUNDER' | 'VIEWER';

export type Permission = 'read' | 'refund' | 'manageUsers' | 'viewAudit';

const GRANTS: Record<Role, readonly Permission[]> = {
  VIEWER: ['read'],
  REFUNDER: ['read', 'refund'],
  ADMIN: ['read', 'refund', 'manageUsers', 'viewAudit'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: 'Admin', REFUNDER: 'Refunder', VIEWER: 'Viewer' };
