// Sends the refund to Antom. The first send is claimed in the database (submit_attempts 0 → 1) so
// that the initiating request and the reconciler can never both send it; a resend (after an unknown
// outcome) reuses the same refundRequestId, which Antom treats as the same refund.
import { AntomRequestError, type RefundInput } from '../antom';
import { applyRefundOutcome } from './apply';
import { nextCheckAt } from './schedule';
import { transitionRefund } from './transition';
import { Prisma } from '../db/client';
import { queryRows } from '../db/sql';
import type { RefundEngineDeps } from './engine-deps';
import type { TransitionCause } from './states';
import { errorFields, log } from '../ops/log';

/** What a send needs: the claim returns it, so nothing is read again before the call. */
interface Claimed {
  refundRequestId: string;
  paymentId: string;
  amountValue: number;
  currency: string;
  reason: string | null;
  channel: 'ONLINE' | 'IN_STORE';
  /** The payment's amount: an in-store refund of all of it is sent without an amount. */
  paymentAmountValue: number;
  checkAttempts: number;
  notFoundCount: number;
  submitAttempts: number;
}

const CLAIMED_COLUMNS = Prisma.sql`
  r.refund_request_id AS "refundRequestId", r.payment_id AS "paymentId", r.amount_value AS "amountValue", r.currency, r.reason,
  p.channel::text AS channel, p.amount_value AS "paymentAmountValue", r.check_attempts AS "checkAttempts", r.not_found_count AS "notFoundCount",
  r.submit_attempts AS "submitAttempts"`;

function refundInput(refund: Claimed, notifyUrl: string | undefined): RefundInput {
  // Online (v1): always the reserved amount. In store (v2, seed 001) an amount makes it a partial
  // refund, so the whole payment goes without one; the reservation guarantees nothing else of it is
  // refunded or in flight (held never exceeds the payment), so Antom refunds exactly what we hold.
  const same = {
    refundRequestId: refund.refundRequestId,
    paymentId: refund.paymentId,
    amount: { value: refund.amountValue, currency: refund.currency },
  };
  if (refund.channel === 'ONLINE') {
    const extra = { ...(refund.reason ? { reason: refund.reason } : {}), ...(notifyUrl ? { notifyUrl } : {}) };
    return { channel: 'ONLINE', ...same, ...extra };
  }
  const whole = refund.amountValue === refund.paymentAmountValue;
  return {
    channel: 'IN_STORE',
    ...same,
    amount: whole ? undefined : same.amount,
    ...(refund.reason ? { memo: refund.reason } : {}),
  };
}

/**
 * While a send may still be on the wire (every attempt timing out, plus backoff), the reconciler
 * must not conclude from "Antom has no such refund" that it never arrived.
 */
function inFlightUntil(deps: RefundEngineDeps): Date {
  const { timeoutMs, connectTimeoutMs, maxRetries } = deps.antom.config;
  return new Date(Date.now() + (timeoutMs + connectTimeoutMs) * (maxRetries + 1) + 30_000);
}

/**
 * Claims one send of the refund (bumps submit_attempts, marks it in flight) and returns what the
 * call needs; nothing when another process claimed it first or the refund is not in that state.
 */
async function claimSend(
  deps: RefundEngineDeps,
  refundRequestId: string,
  which: 'FIRST' | 'AGAIN',
): Promise<Claimed | undefined> {
  const claimable =
    which === 'FIRST'
      ? Prisma.sql`r.status = 'CREATED' AND r.submit_attempts = 0`
      : Prisma.sql`r.status IN ('CREATED', 'UNKNOWN') AND r.submit_attempts > 0`;
  const [claimed] = await queryRows<Claimed>(
    deps.db,
    Prisma.sql`
    UPDATE refunds r SET submit_attempts = r.submit_attempts + 1, submitted_at = now(), next_check_at = ${inFlightUntil(deps)}::timestamptz, updated_at = now()
      FROM payments p
     WHERE r.refund_request_id = ${refundRequestId} AND ${claimable} AND p.payment_id = r.payment_id
    RETURNING ${CLAIMED_COLUMNS}`,
  );
  return claimed;
}

/** The first send. Returns false when another process had already claimed it. */
export async function submitRefund(
  deps: RefundEngineDeps,
  refundRequestId: string,
  cause: TransitionCause = 'ANTOM_RESPONSE',
): Promise<boolean> {
  const claimed = await claimSend(deps, refundRequestId, 'FIRST');
  if (!claimed) return false;
  await send(deps, claimed, cause);
  return true;
}

/** Sends again with the same refundRequestId: only for a refund whose outcome is unknown. */
export async function resendRefund(
  deps: RefundEngineDeps,
  refundRequestId: string,
  cause: TransitionCause,
): Promise<boolean> {
  const claimed = await claimSend(deps, refundRequestId, 'AGAIN');
  if (!claimed) return false;
  await send(deps, claimed, cause);
  return true;
}

async function send(deps: RefundEngineDeps, refund: Claimed, cause: TransitionCause) {
  const { refundRequestId } = refund;
  let outcome;
  try {
    outcome = await deps.antom.refund(refundInput(refund, deps.notifyUrl));
  } catch (error) {
    if (error instanceof AntomRequestError) {
      // Refused before anything was sent (a field breaks Antom's rules): a definite failure.
      await transitionRefund(deps.db, refundRequestId, {
        to: 'FAILED',
        cause: 'SYSTEM',
        resultCode: 'INVALID_REQUEST',
        resultStatus: 'F',
        resultMessage: error.message,
      });
      return;
    }
    // We cannot tell whether the request left: unknown, for the reconciler to settle.
    log('refunds').error({ refundRequestId, ...errorFields(error) }, 'sending a refund failed unexpectedly');
    await transitionRefund(deps.db, refundRequestId, {
      to: 'UNKNOWN',
      cause: 'SYSTEM',
      resultCode: 'ENGINE_ERROR',
      resultMessage: 'The refund call failed inside the dashboard; checking with Antom.',
      nextCheckAt: nextCheckAt('UNKNOWN', 0),
    });
    return;
  }
  await applyRefundOutcome(deps.db, refund, outcome, cause);
}
