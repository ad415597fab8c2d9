// Starting a refund: checks, reservation, then the call to Antom.
//
// The checks are made on what was read; the reservation (SQL function refund_reserve) re-checks under
// the payment's row lock that all of it is still so before inserting, and the refunds trigger plus
// payments_refund_held_value_check back it in the database, so concurrent requests can never
// together refund more than the payment. The Antom call happens after that commit, never while a
// lock is held. The same idempotency key always returns the same refund.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { can, type Actor } from '../auth/roles';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import { UserFacingError } from '../errors';
import { formatMoney, parseMajor, type Money } from '../money';
import { approvalExpiresAt, approvalNeeded } from '../approvals/needed';
import { amountProblem, refundability, type PaymentForRefund, type Refundability } from './refundability';
import { composeRefundReason, REFUND_REASON_CODES } from './reasons';
import { DEFAULT_APPROVAL_EXPIRES_HOURS, readRefund, type RefundEngineDeps } from './engine-deps';
import type { RefundStatus } from './states';
import { submitRefund } from './submit';

export const initiateRefundSchema = z.object({
  paymentId: z.string().trim().min(1).max(64),
  /** Minor units; absent (and no amountText) means everything still refundable. */
  amountValue: z.number().int().positive().max(2_147_483_647).optional(),
  /**
   * The amount as the person typed it, in the payment's major units ("12.50"). Parsed here, by the
   * currency of the payment as read for the reservation, so the caller need not read it first.
   */
  amountText: z.string().max(32).optional(),
  /** When given, must be the payment's currency. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Antom's refundReason as given (callers without the picker). Not with reasonCode. */
  reason: z.string().trim().max(256).optional(),
  /** The picked reason (lib/refunds/reasons.ts), stored; with reasonNote, composed into refundReason. */
  reasonCode: z.enum(REFUND_REASON_CODES).optional(),
  reasonNote: z.string().max(512).optional(),
  /**
   * What was left to refund when the person saw the amount they confirmed, in minor units. When
   * given, the refund is made only if exactly that is still left (checked again under the payment's
   * row lock by refund_reserve): a stale page never refunds an amount the person did not see.
   */
  expectedRefundable: z.number().int().min(0).max(2_147_483_647).optional(),
  /** Generated once per rendering of the refund form. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'Invalid idempotency key.'),
});
export type InitiateRefundInput = z.input<typeof initiateRefundSchema>;

export type RefusalCode =
  | 'FORBIDDEN'
  | 'INVALID'
  | 'NOT_FOUND'
  | 'NOT_REFUNDABLE'
  | 'AMOUNT'
  | 'CURRENCY'
  | 'KEY_REUSED'
  /** What is left to refund is not what the person saw (another refund was made, or one failed). */
  | 'CHANGED'
  | 'REASON';

export class RefundRefused extends UserFacingError {
  override name = 'RefundRefused';
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** What can be refunded now, when the refusal is about the amount: the form offers it instead. */
    readonly refundableNow?: Money,
  ) {
    super(message);
  }
}

/** `RF_<yyyymmdd>_<24 hex>`: letters, digits and underscores, 36 characters, unguessable. */
export function newRefundRequestId(now = new Date()): string {
  return `RF_${now.toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(12).toString('hex').toUpperCase()}`;
}

/**
 * What the caller may add to the checks: `approve` sees the amount decided on, in the payment's
 * currency, just before it is reserved, and refuses it by throwing (the app's step-up for large
 * refunds: lib/auth/step-up.ts). Not called for a form already used (its refund is returned).
 */
export interface InitiateOptions {
  approve?: (amount: Money) => Promise<void>;
  /**
   * The refund's id when the caller derives it (a bulk refund row: from the file's hash and the row,
   * lib/bulk-refunds), so that the same row is the same refund here and at Antom however often it is
   * asked for. Absent: a fresh unguessable one.
   */
  refundRequestId?: string;
  /**
   * Reserve only (its amount is held), and leave the sending to the caller (sendHeldRefund): a bulk
   * batch sends at its own rate. The reconciler does not send it (no next check is set).
   */
  holdForBatch?: boolean;
}

export async function initiateRefund(
  deps: RefundEngineDeps,
  rawInput: InitiateRefundInput,
  actor: Actor,
  options: InitiateOptions = {},
) {
  const reserved = await reserveRefund(deps, rawInput, actor, options);
  // A refund an approval rule holds is not sent: approving it sends it (lib/refunds/approval.ts). A
  // refund held for a bulk batch is sent by the batch, at its rate (sendHeldRefund).
  if (reserved.created && !reserved.waitsForApproval && !options.holdForBatch)
    await submitRefund(deps, reserved.refundRequestId);
  const refund = await readRefund(deps.db, reserved.refundRequestId);
  if (!refund) throw new Error(`Refund ${reserved.refundRequestId} vanished after it was reserved.`);
  return { refund, created: reserved.created };
}

/**
 * A refund is decided on what was read, then reserved by refund_reserve only if that is still so
 * under the payment's row lock; if anything moved in between (another refund of the same payment was
 * reserved or changed state), it is read and decided again. A try that fails changes nothing and
 * fails only because another write to that payment's refunds went through, so tries run out only
 * when dozens of refunds of one payment race each other.
 */
const RESERVE_TRIES = 25;

/**
 * Checks and reserves, without calling Antom. A reserved refund is sent by initiateRefund, or by the
 * reconciler if the process dies first; one an approval rule holds (`waitsForApproval`) is reserved
 * PENDING_APPROVAL and sent only once approved.
 */
export async function reserveRefund(
  deps: RefundEngineDeps,
  rawInput: InitiateRefundInput,
  actor: Actor,
  options: InitiateOptions = {},
): Promise<{ refundRequestId: string; created: boolean; waitsForApproval: boolean }> {
  if (!can(actor.role, 'refund')) throw new RefundRefused('FORBIDDEN', 'Your role does not allow refunds.');
  const parsed = initiateRefundSchema.safeParse(rawInput);
  if (!parsed.success) throw new RefundRefused('INVALID', parsed.error.issues[0]?.message ?? 'Invalid refund request.');
  const input = parsed.data;
  if (input.amountText !== undefined && input.amountValue !== undefined)
    throw new RefundRefused('INVALID', 'Give the amount once: typed or in minor units.');
  if (input.reason !== undefined && input.reasonCode !== undefined)
    throw new RefundRefused('INVALID', 'Give the reason once: as text or picked.');
  let reason = input.reason || null;
  if (input.reasonCode) {
    const composed = composeRefundReason(input.reasonCode, input.reasonNote);
    if (!composed.ok) throw new RefundRefused('REASON', composed.error);
    reason = composed.refundReason;
  }

  for (let attempt = 1; ; attempt++) {
    const seen = await readForReserve(deps, input);
    // The same idempotency key always returns the same refund (a double click is one refund).
    if (seen.earlier) {
      if (seen.earlier.paymentId !== input.paymentId) {
        throw new RefundRefused(
          'KEY_REUSED',
          'This refund form was already used for another payment. Reload the page and try again.',
        );
      }
      return { refundRequestId: seen.earlier.refundRequestId, created: false, waitsForApproval: false };
    }
    const { payment, refundStatuses } = seen;
    if (!payment) throw new RefundRefused('NOT_FOUND', 'There is no payment with this id.');
    if (input.currency && input.currency !== payment.currency) {
      throw new RefundRefused(
        'CURRENCY',
        `A refund must be in the payment's currency (${payment.currency}), not ${input.currency}.`,
      );
    }
    const state = refundability(payment, refundStatuses);
    if (input.expectedRefundable !== undefined && input.expectedRefundable !== state.refundable)
      throw changedSinceShown(input.expectedRefundable, state, payment.currency);
    if (state.blockedReason) throw new RefundRefused('NOT_REFUNDABLE', state.blockedReason);
    let amountValue = input.amountValue ?? state.refundable;
    if (input.amountText !== undefined) {
      const typed = parseMajor(input.amountText, payment.currency);
      if (!typed.ok) throw new RefundRefused('AMOUNT', typed.error);
      amountValue = typed.value;
    }
    const problem = amountProblem(amountValue, state, payment.currency);
    if (problem)
      throw new RefundRefused(
        'AMOUNT',
        problem,
        state.refundable > 0 ? { value: state.refundable, currency: payment.currency } : undefined,
      );
    // Exactly the amount reserved below (read again, and approved again, if anything moved).
    await options.approve?.({ value: amountValue, currency: payment.currency });

    // Rules in force now: a rule applies to refunds asked after it changed.
    const need = await approvalNeeded(deps.db, {
      currency: payment.currency,
      amountMinor: amountValue,
      requesterUserId: actor.id,
    });
    const approval = need && {
      ruleId: need.versionId,
      rule: need.ruleId,
      ruleVersion: need.ruleVersion,
      why: need.why,
      expiresAt: approvalExpiresAt(deps.approvalExpiresHours ?? DEFAULT_APPROVAL_EXPIRES_HOURS).toISOString(),
    };

    const refundRequestId = options.refundRequestId ?? newRefundRequestId();
    const details = {
      amountValue,
      currency: payment.currency,
      reason,
      ...(input.reasonCode ? { reasonCode: input.reasonCode } : {}),
      full: amountValue === payment.amountValue,
      // Undocumented method rules the person was warned about and sent past (Antom decides).
      ...(state.warnings.length > 0 ? { warnings: state.warnings } : {}),
    };
    // If this process dies before the call, the reconciler sends it after this; a refund held for a
    // batch has no next check: the batch runner sends it, or cancels it (lib/bulk-refunds).
    const nextCheckAt = options.holdForBatch ? null : new Date(Date.now() + 30_000);
    let result: string | undefined;
    try {
      const rows = await queryRows<{ result: string }>(
        deps.db,
        Prisma.sql`
        SELECT refund_reserve(
          ${refundRequestId}, ${payment.paymentId}, ${amountValue}::int, ${payment.currency}, ${reason},
          ${input.reasonCode ?? null}::"RefundReasonCode", ${input.idempotencyKey}, ${actor.id}::uuid, ${nextCheckAt}::timestamptz,
          ${payment.status}::"PaymentStatus", ${payment.paidAt}::timestamptz, ${payment.refundHeldValue}::int,
          ${refundStatuses}::"RefundStatus"[], ${JSON.stringify(details)}::jsonb,
          ${approval ? JSON.stringify(approval) : null}::jsonb) AS result`,
      );
      result = rows[0]?.result;
    } catch (error) {
      if (isHeldCheckViolation(error))
        throw new RefundRefused(
          'AMOUNT',
          'The amount is more than can be refunded: another refund of this payment was just made.',
        );
      throw error;
    }
    if (result === 'CREATED') return { refundRequestId, created: true, waitsForApproval: false };
    if (result === 'PENDING_APPROVAL') return { refundRequestId, created: true, waitsForApproval: true };
    // CHANGED, or KEY_TAKEN (a double submit raced us past the first look): read again and decide again.
    if (attempt >= RESERVE_TRIES)
      throw new RefundRefused(
        'NOT_REFUNDABLE',
        'Other refunds of this payment are being made right now. Try again in a moment.',
      );
  }
}

/** The refusal of a confirmation made on a stale page: what was seen, what is left now, and why. */
function changedSinceShown(seen: number, state: Refundability, currency: string): RefundRefused {
  const was = formatMoney({ value: seen, currency });
  const now: Money = { value: state.refundable, currency };
  const why =
    state.refundable < seen
      ? 'Another refund of this payment was made since this page was shown.'
      : 'A refund of this payment failed since this page was shown, so more is free again.';
  if (state.blockedReason) return new RefundRefused('CHANGED', `Nothing was refunded. ${why} ${state.blockedReason}`);
  return new RefundRefused(
    'CHANGED',
    `Nothing was refunded. ${why} You saw ${was} left; ${formatMoney(now)} is left now.`,
    now,
  );
}

/** The payment (unlocked), its refunds' states and any refund already made with this idempotency key, in one query. */
async function readForReserve(deps: RefundEngineDeps, input: z.output<typeof initiateRefundSchema>) {
  const [row] = await queryRows<
    Partial<PaymentForRefund> & {
      earlierRefundRequestId: string | null;
      earlierPaymentId: string | null;
      refundStatuses: RefundStatus[] | null;
    }
  >(
    deps.db,
    Prisma.sql`
    SELECT k.refund_request_id AS "earlierRefundRequestId", k.payment_id AS "earlierPaymentId",
           p.payment_id AS "paymentId", p.channel::text AS channel, p.amount_value AS "amountValue", p.currency, p.method,
           p.status::text AS status, p.paid_at AS "paidAt", p.created_at AS "createdAt", p.refund_held_value AS "refundHeldValue",
           ARRAY(SELECT r.status::text FROM refunds r WHERE r.payment_id = p.payment_id) AS "refundStatuses"
      FROM (SELECT 1) AS one
      LEFT JOIN refunds k ON k.idempotency_key = ${input.idempotencyKey}
      LEFT JOIN payments p ON p.payment_id = ${input.paymentId}`,
  );
  const { earlierRefundRequestId, earlierPaymentId, refundStatuses, ...payment } = row!;
  return {
    earlier: earlierRefundRequestId ? { refundRequestId: earlierRefundRequestId, paymentId: earlierPaymentId! } : null,
    payment: payment.paymentId ? (payment as PaymentForRefund) : null,
    refundStatuses: refundStatuses ?? [],
  };
}

function isHeldCheckViolation(error: unknown): boolean {
  return String((error as Error)?.message ?? '').includes('payments_refund_held_value_check');
}
