// Removing a person's second factor, on a given database client, by an admin on the Users page
// (lib/users/two-factor.ts) or from the server's command line (scripts/users.ts). Without lib/db:
// the command line runs outside Next.js, where the app's client (server-only) cannot load.
import { writeAudit } from '../audit/log';
import type { Db } from '../db/client';
import { UserChangeRefused, type ChangedBy } from './accounts';

/**
 * The change itself, on a given client: shared with the command line (`npm run
 * user:reset-two-factor`, for an admin who lost both the device and the recovery codes).
 */
export async function removeSecondFactor(client: Db, by: ChangedBy, userId: string): Promise<void> {
  const user = await client.user.findUnique({
    where: { id: userId },
    select: { email: true, totpEnrolledAt: true },
  });
  if (!user) throw new UserChangeRefused('No such user.');
  if (!user.totpEnrolledAt) throw new UserChangeRefused(`${user.email} has no second factor to reset.`);
  await client.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: {
        totpSecret: null,
        totpPendingSecret: null,
        totpEnrolledAt: null,
        totpLastStep: null,
        sessionVersion: { increment: 1 },
      },
      select: { id: true },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.authSession.deleteMany({ where: { userId } });
    const details = { userId, email: user.email };
    await writeAudit(tx, {
      action: 'user.two_factor_reset',
      ...(by.actorType === 'USER'
        ? { actorType: 'USER', actorId: by.actorId, details }
        : { actorType: 'SYSTEM', actorId: null, details: { ...details, via: by.via } }),
    });
  });
}
