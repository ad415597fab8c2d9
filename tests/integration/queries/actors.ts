// The data functions take the acting user (lib/auth/roles.ts authorize): tests name one. actAs()
// sets the role the next calls act with; current() is that actor (VIEWER unless told otherwise).
import type { Actor, Role } from '../../../lib/auth/roles';

const state: { role: Role } = { role: 'VIEWER' };

export function actAs(role: Role) {
  state.role = role;
}

export function current(): Actor {
  return { id: '00000000-0000-4000-8000-000000000001', role: state.role };
}

/** An actor whose role grants nothing (a role removed from the code, a forged value). */
export const NOBODY = { id: '00000000-0000-4000-8000-000000000002', role: 'NOBODY' } as unknown as Actor;
