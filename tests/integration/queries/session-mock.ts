// The data functions read the session themselves (lib/auth/session.ts). Tests have no request, so
// the session module is replaced by this one: the acting user is whoever actAs() last named, and
// requireUser enforces roles exactly as the real one does (by lib/auth/roles.ts).
import { can, type Permission, type Role } from '../../../lib/auth/roles';

const state: { role: Role | null } = { role: 'VIEWER' };

export function actAs(role: Role | null) {
  state.role = role;
}

function user() {
  return state.role
    ? {
        id: '00000000-0000-4000-8000-000000000001',
        email: 'test@example.test',
        name: 'Test',
        role: state.role,
        mustChangePassword: false,
      }
    : null;
}

export const sessionMock = {
  getSessionUser: async () => user(),
  requireUser: async (permission: Permission = 'read') => {
    const u = user();
    if (!u) throw new Error('NEXT_REDIRECT /login');
    if (!can(u.role, permission)) throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
    return u;
  },
};
