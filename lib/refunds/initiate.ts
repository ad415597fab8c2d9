// Starting a refund: checks, reservation, then the call to Antom.
//
// The checks and the reservation happen in one transaction that holds the payment's row lock, and
// the refunds trigger plus payments_refund_held_value_check back them in the database, so
// concurrent requests can never together refund more than the payment. The Antom call happens
// after that commit, never while a lock is held. The same idempotency key always returns the same
// refund.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { writeAudit } from '../audit/log';
import { can, type Role } from '../auth/roles';
import { Prisma } from '../generated/prisma/client';
import { amountProblem, refundability, type PaymentForRefund } from './refundability';
import { REFUND_COLUMNS, type RefundEngineDeps } from './engine-deps';
import type { RefundStatus } from './states';
import { submitRefund } from './submit';

export const initiateRefundSchema = z.object({
  paymentId: z.string().trim().min(1).max(64),
  /** Minor units; absent means everything still refundable. */
  amountValue: z.number().int().positive().max(2_147_483_647).optional(),
  /** When given, must be the payment's currency. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  reason: z.string().trim().max(256).optional(),
  /** Generated once per rendering of the refund form. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'Invalid idempotency key.'),
});
export type InitiateRefundInput = z.input<typeof initiateRefundSchema>;

export type RefusalCode = 'FORBIDDEN' | 'INVALID' | 'NOT_FOUND' | 'NOT_REFUNDABLE' | 'AMOUNT' | 'CURRENCY' | 'KEY_REUSED';

export class RefundRefused extends Error {
  override name = 'RefundRefused';
  constructor(readonly code: RefusalCode, message: string) {
    super(message);
  }
}

export interface Actor {
  id: string;
  role: Role;
}

/** `RF_<yyyymmdd>_<24 hex>`: letters, digits and underscores, 36 characters, unguessable. */
export function newRefundRequestId(now = new Date()): string {
  return `RF_${now.toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(12).toString('hex').toUpperCase()}`;
}

export async function initiateRefund(deps: RefundEngineDeps, rawInput: InitiateRefundInput, actor: Actor) {
  const reserved = await reserveRefund(deps, rawInput, actor);
  if (reserved.created) await submitRefund(deps, reserved.refundRequestId);
  const refund = await deps.db.refund.findUniqueOrThrow({ where: { refundRequestId: reserved.refundRequestId }, select: REFUND_COLUMNS });
  return { refund, created: reserved.created };
}

/** Checks and reserves, without calling Antom. A reserved refund is sent by initiateRefund, or by the reconciler if the process dies first. */
export async function reserveRefund(deps: RefundEngineDeps, rawInput: InitiateRefundInput, actor: Actor): Promise<{ refundRequestId: string; created: boolean }> {
  if (!can(actor.role, 'refund')) throw new RefundRefused('FORBIDDEN', 'Your role does not allow refunds.');
  const parsed = initiateRefundSchema.safeParse(rawInput);
  if (!parsed.success) throw new RefundRefused('INVALID', parsed.error.issues[0]?.message ?? 'Invalid refund request.');
  const input = parsed.data;

  const earlier = await findByKey(deps, input.idempotencyKey, input.paymentId);
  if (earlier) return { refundRequestId: earlier.refundRequestId, created: false };
  try {
    return { refundRequestId: await reserve(deps, input, actor), created: true };
  } catch (error) {
    // A double submit that raced us past the first look: the unique key kept it to one refund.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const raced = await findByKey(deps, input.idempotencyKey, input.paymentId);
      if (raced) return { refundRequestId: raced.refundRequestId, created: false };
    }
    if (isHeldCheckViolation(error)) throw new RefundRefused('AMOUNT', 'The amount is more than can be refunded: another refund of this payment was just made.');
    throw error;
  }
}

async function findByKey(deps: RefundEngineDeps, idempotencyKey: string, paymentId: string) {
  const refund = await deps.db.refund.findUnique({ where: { idempotencyKey }, select: REFUND_COLUMNS });
  if (refund && refund.paymentId !== paymentId) {
    throw new RefundRefused('KEY_REUSED', 'This refund form was already used for another payment. Reload the page and try again.');
  }
  return refund;
}

async function reserve(deps: RefundEngineDeps, input: z.output<typeof initiateRefundSchema>, actor: Actor): Promise<string> {
  return deps.db.$transaction(async (tx) => {
    const [payment] = await tx.$queryRaw<PaymentForRefund[]>`
      SELECT payment_id AS "paymentId", channel::text AS channel, amount_value AS "amountValue", currency, method,
             status::text AS status, paid_at AS "paidAt", created_at AS "createdAt", refund_held_value AS "refundHeldValue"
        FROM payments WHERE payment_id = ${input.paymentId} FOR UPDATE`;
    if (!payment) throw new RefundRefused('NOT_FOUND', 'There is no payment with this id.');
    if (input.currency && input.currency !== payment.currency) {
      throw new RefundRefused('CURRENCY', `A refund must be in the payment's currency (${payment.currency}), not ${input.currency}.`);
    }
    const statuses = await tx.refund.findMany({ where: { paymentId: payment.paymentId }, select: { status: true } });
    const state = refundability(payment, statuses.map((r) => r.status as RefundStatus));
    if (state.blockedReason) throw new RefundRefused('NOT_REFUNDABLE', state.blockedReason);
    const amountValue = input.amountValue ?? state.refundable;
    const problem = amountProblem(amountValue, state, payment.currency);
    if (problem) throw new RefundRefused('AMOUNT', problem);

    const refundRequestId = newRefundRequestId();
    await tx.refund.create({
      data: {
        refundRequestId, paymentId: payment.paymentId, amountValue, currency: payment.currency, status: 'CREATED',
        reason: input.reason || null, idempotencyKey: input.idempotencyKey, requestedById: actor.id,
        // If this process dies before the call, the reconciler sends it after this.
        nextCheckAt: new Date(Date.now() + 30_000),
      },
      select: { refundRequestId: true },
    });
    await writeAudit(tx, {
      actorType: 'USER', actorId: actor.id, action: 'refund.requested', refundRequestId, paymentId: payment.paymentId,
      details: { amountValue, currency: payment.currency, reason: input.reason ?? null, full: amountValue === payment.amountValue },
    });
    return refundRequestId;
  });
}

function isHeldCheckViolation(error: unknown): boolean {
  return String((error as Error)?.message ?? '').includes('payments_refund_held_value_check');
}
