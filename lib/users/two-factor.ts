// The admin's side of two-factor sign-in: which roles must have a second factor (stored per role,
// audited), and resetting a person's second factor when they lost their device (audited; ends their
// sessions, so they sign in again and, where their role requires it, enrol a new device first).
import { writeAudit } from '../audit/log';
import { prisma as db } from '../db';
import { authorize, type Actor, type Role } from '../auth/roles';
import { twoFactorRequired } from '../auth/two-factor-policy';
import { removeSecondFactor } from './second-factor';

const ROLE_ORDER: readonly Role[] = ['ADMIN', 'REFUNDER', 'APPROVER', 'VIEWER'];

export interface RolePolicy {
  role: Role;
  required: boolean;
  /** No stored setting: the default of real mode applies. */
  isDefault: boolean;
  /** Active users of the role, and how many of them have a second factor. */
  users: number;
  enrolled: number;
}

export async function twoFactorPolicy(admin: Actor): Promise<RolePolicy[]> {
  authorize(admin, 'manageSettings');
  const [stored, counts] = await Promise.all([
    db.twoFactorPolicy.findMany(),
    db.user.groupBy({ by: ['role'], where: { active: true }, _count: { _all: true, totpEnrolledAt: true } }),
  ]);
  return ROLE_ORDER.map((role) => {
    const row = stored.find((r) => r.role === role);
    const count = counts.find((c) => c.role === role)?._count;
    return {
      role,
      required: twoFactorRequired(role, row?.required),
      isDefault: !row,
      users: count?._all ?? 0,
      enrolled: count?.totpEnrolledAt ?? 0,
    };
  });
}

/**
 * Stores the requirement for every role (so a later change of the defaults changes nothing here),
 * one audit entry per role whose requirement changed. Takes effect at each person's next request:
 * someone whose role now requires it and who has no second factor is sent to set one up.
 */
export async function setTwoFactorPolicy(admin: Actor, required: Record<Role, boolean>): Promise<Role[]> {
  authorize(admin, 'manageSettings');
  const before = await twoFactorPolicy(admin);
  const changed = before.filter((p) => p.required !== required[p.role]).map((p) => p.role);
  await db.$transaction(async (tx) => {
    for (const role of ROLE_ORDER) {
      await tx.twoFactorPolicy.upsert({
        where: { role },
        create: { role, required: required[role], updatedById: admin.id },
        update: changed.includes(role)
          ? { required: required[role], updatedById: admin.id, updatedAt: new Date() }
          : {},
      });
    }
    for (const role of changed)
      await writeAudit(tx, {
        actorType: 'USER',
        actorId: admin.id,
        action: 'settings.two_factor_required_changed',
        details: { role, required: required[role] },
      });
  });
  return changed;
}

/**
 * Lost device, from the Users page: removes the person's second factor and recovery codes, and ends
 * all their sessions. They sign in with their password again; if their role requires a second
 * factor, they set up a new device before anything else.
 */
export async function resetTwoFactor(admin: Actor, userId: string): Promise<void> {
  authorize(admin, 'manageUsers');
  await removeSecondFactor(db, { actorType: 'USER', actorId: admin.id }, userId);
}
