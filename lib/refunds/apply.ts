// What an answer from Antom means for our refund. The refund call, an inquiry and a notification
// each end here, so the same answer always has the same effect whichever path brought it.
import type { Db } from '../db/client';
import type { InquiryRefundOutcome, RefundOutcome } from '../antom';
import { canonicalResultCode } from '../antom';
import { nextCheckAt, ORDER_NOT_EXIST_LIMIT, ORDER_NOT_EXIST_RETRY_MS } from './schedule';
import { noteRefund, transitionRefund, type TransitionResult } from './transition';
import type { RefundStatus, TransitionCause } from './states';

/** Our own result code for a refund Antom never received (concluded, never guessed: see below). */
export const NEVER_REACHED_ANTOM = 'NEVER_REACHED_ANTOM';

export interface RefundRef {
  refundRequestId: string;
  amountValue: number;
  currency: string;
  checkAttempts: number;
  notFoundCount: number;
  /** Sends of the refund so far, this one included (a resend is the second or later). */
  submitAttempts?: number;
}

const words = (o: {
  result: { resultCode?: string | null; resultStatus: string; resultMessage?: string | null } | null;
}) => ({
  resultCode: o.result?.resultCode ?? null,
  resultStatus: o.result?.resultStatus ?? null,
  resultMessage: o.result?.resultMessage ?? null,
});

/** The answer to our refund call (first send, or a resend with the same refundRequestId). */
export async function applyRefundOutcome(
  db: Db,
  refund: RefundRef,
  outcome: RefundOutcome,
  cause: TransitionCause = 'ANTOM_RESPONSE',
): Promise<TransitionResult> {
  switch (outcome.outcome) {
    case 'SUCCESS':
      return transitionRefund(db, refund.refundRequestId, {
        to: 'SUCCESS',
        cause,
        ...words(outcome),
        antomStatus: 'SUCCESS',
        refundId: outcome.refundId,
        refundedAt: outcome.refundTime ?? new Date(),
      });
    case 'PROCESSING':
      return moveOrNote(db, refund, {
        to: 'PROCESSING',
        cause,
        ...words(outcome),
        antomStatus: 'PROCESSING',
        refundId: outcome.refundId,
        nextCheckAt: nextCheckAt('PROCESSING', refund.checkAttempts),
      });
    case 'FAILURE': {
      // REPEAT_REQ_INCONSISTENT says an earlier request with this id exists and differs: that one may
      // have succeeded. It is not a failure of the refund: find out what Antom holds.
      if (outcome.entry.canonical === 'REPEAT_REQ_INCONSISTENT') {
        return moveOrNote(db, refund, {
          to: 'UNKNOWN',
          cause,
          ...words(outcome),
          nextCheckAt: nextCheckAt('UNKNOWN', refund.checkAttempts),
          attentionReason: 'Antom holds a different request under this refund request id; checking what it holds.',
        });
      }
      // An F answers the request it was sent for. When an earlier request for this refund had no
      // answer we could trust (a timeout, a U, an unsigned answer: the transport retried, or this is a
      // resend), that one may have been applied, so an F that refuses the repeat — a traffic limit —
      // proves nothing about the refund. Found by the fault
      // campaign: such refunds were FAILED here and refunded at Antom. Ask again (online: the inquiry
      // by refundRequestId; in store: the same request once more), with the amount still held.
      // Only a refusal of the request itself (kind RETRY_LATER: a traffic limit, a busy system) is
      // inconclusive: a repeat that Antom matched to the refund answers with the refund's own fate
      // (e.g. PROCESS_FAIL once it failed), and that F is final.
      const earlierUnknown = outcome.attempts > 1 || (refund.submitAttempts ?? 1) > 1;
      if (earlierUnknown && outcome.entry.kind === 'RETRY_LATER') {
        return moveOrNote(db, refund, {
          to: 'UNKNOWN',
          cause,
          ...words(outcome),
          nextCheckAt: nextCheckAt('UNKNOWN', refund.checkAttempts),
        });
      }
      return transitionRefund(db, refund.refundRequestId, { to: 'FAILED', cause, ...words(outcome) });
    }
    case 'UNKNOWN':
      return moveOrNote(db, refund, {
        to: 'UNKNOWN',
        cause,
        ...words(outcome),
        resultCode: outcome.result?.resultCode ?? outcome.reason,
        resultMessage: outcome.result?.resultMessage ?? outcome.detail,
        nextCheckAt: nextCheckAt('UNKNOWN', refund.checkAttempts),
      });
  }
}

/** What an inquiry's answer is weighed against: what Antom already told us about the refund. */
export interface InquiredRefund extends RefundRef {
  refundId: string | null;
  status: RefundStatus;
  antomStatus: string | null;
}

/**
 * Antom accepted this refund at some point: it gave its refundId, or reported a status for it, or
 * the refund is in process there. Such a refund is never concluded "never placed", whatever a later
 * answer says (in store, DPOS_PAYMENT_ORDER_NOT_EXIST says only: check the paymentId, else contact
 * support — seed 000): concluding it would release money Antom may still pay out.
 */
function acknowledgedByAntom(refund: InquiredRefund): boolean {
  return refund.refundId !== null || refund.antomStatus !== null || refund.status === 'PROCESSING';
}

/** The answer to inquiryRefund: result says whether the inquiry worked, refundStatus is the refund's. */
export async function applyInquiryOutcome(
  db: Db,
  refund: InquiredRefund,
  outcome: InquiryRefundOutcome,
): Promise<TransitionResult | null> {
  const cause: TransitionCause = 'RECONCILER';
  if (outcome.outcome === 'SUCCESS') {
    const report = outcome.refund;
    if (report.amount && (report.amount.value !== refund.amountValue || report.amount.currency !== refund.currency)) {
      await noteRefund(db, refund.refundRequestId, {
        attentionReason: `Antom reports ${report.amount.value} ${report.amount.currency} for this refund; we asked for ${refund.amountValue} ${refund.currency}.`,
        nextCheckAt: nextCheckAt('UNKNOWN', refund.checkAttempts),
      });
      return null;
    }
    // The inquiry's own result (SUCCESS: "the inquiry worked") is not the refund's: record what the
    // refund's status means, so a refund in process never reads "Success, no action required".
    const base = { cause, antomStatus: report.rawStatus, refundId: report.refundId };
    if (report.status === 'SUCCESS')
      return transitionRefund(db, refund.refundRequestId, {
        ...base,
        ...words(outcome),
        to: 'SUCCESS',
        refundedAt: report.refundTime ?? new Date(),
      });
    if (report.status === 'FAILED') {
      return transitionRefund(db, refund.refundRequestId, {
        ...base,
        to: 'FAILED',
        resultCode: null,
        resultStatus: 'F',
        resultMessage: `Antom's status check reports the refund failed (${report.rawStatus}) and gives no reason.`,
      });
    }
    return moveOrNote(db, refund, {
      ...base,
      to: 'PROCESSING',
      resultCode: 'REFUND_IN_PROCESS',
      resultStatus: 'U',
      resultMessage: `Antom's status check reports the refund in process (${report.rawStatus}).`,
      nextCheckAt: nextCheckAt('PROCESSING', refund.checkAttempts),
    });
  }
  if (outcome.outcome === 'FAILURE' && outcome.code && canonicalResultCode(outcome.code) === 'ORDER_NOT_EXIST') {
    if (acknowledgedByAntom(refund)) {
      // Not a failure: the amount stays held and the checks go on, with a person asked to look.
      await noteRefund(db, refund.refundRequestId, {
        ...words(outcome),
        attentionReason: `Antom's status check answers ${outcome.code} for a refund it accepted${refund.refundId ? ` (refundId ${refund.refundId})` : ''}. The amount stays held. Check the paymentId; if this persists, contact Antom support with the refund request id and refundId.`,
        nextCheckAt: nextCheckAt('UNKNOWN', refund.checkAttempts),
      });
      return null;
    }
    const seen = refund.notFoundCount + 1;
    if (seen >= ORDER_NOT_EXIST_LIMIT) {
      // The first answer and three retries 15 s apart say Antom has no such refund, and Antom never
      // acknowledged it: it was never placed. Release the hold.
      // Recorded in our own words (NEVER_REACHED_ANTOM, lib/format/result-code.ts): Antom's own
      // for ORDER_NOT_EXIST ("check whether the paymentId is correct") is not what happened.
      return transitionRefund(db, refund.refundRequestId, {
        to: 'FAILED',
        cause,
        resultCode: NEVER_REACHED_ANTOM,
        resultStatus: null,
        resultMessage: `Antom answered ${outcome.code} ${seen} times, 15 seconds apart: the refund never reached Antom.`,
        note: `${outcome.code} ${seen} times: the refund never reached Antom`,
      });
    }
    await db.refund.updateMany({
      where: { refundRequestId: refund.refundRequestId, status: { in: ['CREATED', 'UNKNOWN', 'PROCESSING'] } },
      data: { notFoundCount: seen, nextCheckAt: new Date(Date.now() + ORDER_NOT_EXIST_RETRY_MS) },
    });
    return null;
  }
  // The inquiry itself failed or is unknown: the refund's state is unchanged; ask again later.
  await noteRefund(db, refund.refundRequestId, {
    nextCheckAt: nextCheckAt('UNKNOWN', refund.checkAttempts),
    ...(outcome.outcome === 'FAILURE'
      ? {
          attentionReason: `Status check refused by Antom: ${outcome.code ?? 'no code'} — ${outcome.entry.furtherAction}`,
        }
      : {}),
  });
  return null;
}

/** Moves when the state machine allows it; otherwise keeps the state and records what Antom said. */
async function moveOrNote(
  db: Db,
  refund: RefundRef,
  input: Parameters<typeof transitionRefund>[2],
): Promise<TransitionResult> {
  const moved = await transitionRefund(db, refund.refundRequestId, input);
  if (!moved.changed && (moved.current === input.to || (moved.current !== 'SUCCESS' && moved.current !== 'FAILED'))) {
    await noteRefund(db, refund.refundRequestId, {
      resultCode: input.resultCode,
      resultStatus: input.resultStatus,
      resultMessage: input.resultMessage,
      nextCheckAt: input.nextCheckAt ?? null,
      refundId: input.refundId ?? null,
      ...(input.attentionReason !== undefined ? { attentionReason: input.attentionReason } : {}),
    });
  }
  return moved;
}
