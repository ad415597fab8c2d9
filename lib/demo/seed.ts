// Fills an empty database with the demo merchant (lib/demo/dataset.ts) and one user per role.
import { hash } from '@node-rs/argon2';
import type { Db } from '../db/client';
import { DEMO_USERS, demoDataset } from './dataset';
import { ARGON2ID } from '../auth/password-options';

/**
 * The demo's two-factor setting: optional for every role, so the demo users sign in with their
 * password alone (the login page says so). Written with the demo data, and by npm start in sandbox
 * mode on a database seeded before the setting existed; never over a setting already stored. A real
 * deployment stores none until its admin does, and has the default: required for ADMIN and REFUNDER.
 */
export async function ensureDemoTwoFactorPolicy(db: Pick<Db, 'twoFactorPolicy'>): Promise<boolean> {
  const { count } = await db.twoFactorPolicy.createMany({
    data: (['ADMIN', 'REFUNDER', 'APPROVER', 'VIEWER'] as const).map((role) => ({ role, required: false })),
    skipDuplicates: true,
  });
  return count > 0;
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [users, payments] = await Promise.all([db.user.count(), db.payment.count()]);
  return users === 0 && payments === 0;
}

export async function seedDemoData(
  db: Db,
  anchor: Date,
): Promise<{ users: number; payments: number; refunds: number }> {
  const { payments, refunds } = demoDataset(anchor);
  const userIds = new Map<string, string>();
  await db.$transaction(
    async (tx) => {
      for (const u of DEMO_USERS) {
        const user = await tx.user.create({
          data: {
            email: u.email,
            name: u.name,
            role: u.role,
            active: u.active,
            passwordHash: await hash(u.password, ARGON2ID),
          },
          select: { id: true },
        });
        userIds.set(u.key, user.id);
      }
      await ensureDemoTwoFactorPolicy(tx);
      await tx.payment.createMany({
        data: payments.map((p) => ({ ...p, updatedAt: p.paidAt ?? p.createdAt })),
      });
      // The refunds trigger keeps each payment's held and refunded sums; inserting in final states
      // goes through the same checks as the engine's own writes.
      await tx.refund.createMany({
        data: refunds.map((r) => ({
          refundRequestId: r.refundRequestId,
          refundId: r.refundId,
          paymentId: r.paymentId,
          amountValue: r.amountValue,
          currency: r.currency,
          status: r.status,
          resultCode: r.resultCode,
          resultStatus: r.resultStatus,
          resultMessage: r.resultMessage,
          antomStatus: r.antomStatus,
          reason: r.reason,
          idempotencyKey: `demo_${r.refundRequestId}`,
          requestedById: userIds.get(r.requestedBy),
          // CREATED demo refunds never reached Antom (as if the process died before sending).
          submitAttempts: r.antomStatus ? 1 : 0,
          submittedAt: r.antomStatus ? r.createdAt : null,
          // Unsettled demo refunds are due for the reconciler at once.
          nextCheckAt: r.status === 'SUCCESS' || r.status === 'FAILED' ? null : r.createdAt,
          refundedAt: r.refundedAt,
          finalizedAt:
            r.status === 'SUCCESS' || r.status === 'FAILED'
              ? (r.refundedAt ?? new Date(r.createdAt.getTime() + 2000))
              : null,
          createdAt: r.createdAt,
          updatedAt: r.refundedAt ?? r.createdAt,
        })),
      });
      await tx.auditLog.createMany({
        data: refunds.flatMap((r) => {
          const actorId = userIds.get(r.requestedBy);
          const created = {
            at: r.createdAt,
            actorType: 'USER' as const,
            actorId,
            action: 'refund.requested',
            refundRequestId: r.refundRequestId,
            paymentId: r.paymentId,
            details: { amountValue: r.amountValue, currency: r.currency, reason: r.reason },
          };
          if (r.status === 'CREATED') return [created];
          return [
            created,
            {
              at: new Date(r.createdAt.getTime() + 1200),
              actorType: 'ANTOM' as const,
              actorId: null,
              action: 'refund.status_changed',
              refundRequestId: r.refundRequestId,
              paymentId: r.paymentId,
              details: { from: 'CREATED', to: r.status, cause: 'ANTOM_RESPONSE', resultCode: r.resultCode },
            },
          ];
        }),
      });
    },
    { timeout: 60_000 },
  );
  return { users: DEMO_USERS.length, payments: payments.length, refunds: refunds.length };
}
