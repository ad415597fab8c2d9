// Sends the refund to Antom. The first send is claimed in the database (submit_attempts 0 → 1) so
// that the initiating request and the reconciler can never both send it; a resend (after an unknown
// outcome) reuses the same refundRequestId, which Antom treats as the same refund.
import { AntomRequestError, type RefundInput } from '../antom';
import { applyRefundOutcome } from './apply';
import { nextCheckAt } from './schedule';
import { transitionRefund } from './transition';
import { REFUND_COLUMNS, type RefundEngineDeps } from './engine-deps';
import type { TransitionCause } from './states';

export async function loadRefundWithPayment(deps: RefundEngineDeps, refundRequestId: string) {
  return deps.db.refund.findUnique({
    where: { refundRequestId },
    select: { ...REFUND_COLUMNS, payment: { select: { paymentId: true, channel: true, amountValue: true, currency: true } } },
  });
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadRefundWithPayment>>>;

function refundInput(refund: Loaded, notifyUrl: string | undefined): RefundInput {
  const amount = { value: refund.amountValue, currency: refund.currency };
  if (refund.payment.channel === 'ONLINE') {
    return {
      channel: 'ONLINE', refundRequestId: refund.refundRequestId, paymentId: refund.paymentId, amount,
      ...(refund.reason ? { reason: refund.reason } : {}),
      ...(notifyUrl ? { notifyUrl } : {}),
    };
  }
  // Always the reserved amount, even for a full refund: Antom then refunds exactly what we hold.
  return { channel: 'IN_STORE', refundRequestId: refund.refundRequestId, paymentId: refund.paymentId, amount, ...(refund.reason ? { memo: refund.reason } : {}) };
}

/**
 * While a send may still be on the wire (every attempt timing out, plus backoff), the reconciler
 * must not conclude from "Antom has no such refund" that it never arrived.
 */
function inFlightUntil(deps: RefundEngineDeps): Date {
  const { timeoutMs, connectTimeoutMs, maxRetries } = deps.antom.config;
  return new Date(Date.now() + (timeoutMs + connectTimeoutMs) * (maxRetries + 1) + 30_000);
}

/** The first send. Returns false when another process had already claimed it. */
export async function submitRefund(deps: RefundEngineDeps, refundRequestId: string, cause: TransitionCause = 'ANTOM_RESPONSE'): Promise<boolean> {
  const claimed = await deps.db.refund.updateMany({
    where: { refundRequestId, status: 'CREATED', submitAttempts: 0 },
    data: { submitAttempts: 1, submittedAt: new Date(), nextCheckAt: inFlightUntil(deps) },
  });
  if (claimed.count === 0) return false;
  await send(deps, refundRequestId, cause);
  return true;
}

/** Sends again with the same refundRequestId: only for a refund whose outcome is unknown. */
export async function resendRefund(deps: RefundEngineDeps, refundRequestId: string, cause: TransitionCause): Promise<boolean> {
  const claimed = await deps.db.refund.updateMany({
    where: { refundRequestId, status: { in: ['CREATED', 'UNKNOWN'] }, submitAttempts: { gt: 0 } },
    data: { submitAttempts: { increment: 1 }, submittedAt: new Date(), nextCheckAt: inFlightUntil(deps) },
  });
  if (claimed.count === 0) return false;
  await send(deps, refundRequestId, cause);
  return true;
}

async function send(deps: RefundEngineDeps, refundRequestId: string, cause: TransitionCause) {
  const refund = await loadRefundWithPayment(deps, refundRequestId);
  if (!refund) return;
  let outcome;
  try {
    outcome = await deps.antom.refund(refundInput(refund, deps.notifyUrl));
  } catch (error) {
    if (error instanceof AntomRequestError) {
      // Refused before anything was sent (a field breaks Antom's rules): a definite failure.
      await transitionRefund(deps.db, refundRequestId, { to: 'FAILED', cause: 'SYSTEM', resultCode: 'INVALID_REQUEST', resultStatus: 'F', resultMessage: error.message });
      return;
    }
    // We cannot tell whether the request left: unknown, for the reconciler to settle.
    console.error(`[refunds] sending ${refundRequestId} failed unexpectedly:`, error);
    await transitionRefund(deps.db, refundRequestId, {
      to: 'UNKNOWN', cause: 'SYSTEM', resultCode: 'ENGINE_ERROR', resultMessage: 'The refund call failed inside the dashboard; checking with Antom.',
      nextCheckAt: nextCheckAt('UNKNOWN', 0),
    });
    return;
  }
  await applyRefundOutcome(deps.db, refund, outcome, cause);
}
