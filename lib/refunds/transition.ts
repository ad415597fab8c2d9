// Moves a refund between states with a conditional UPDATE (the move happens only if the refund is
// still in a state that allows it), writing the audit entry in the same transaction. Concurrent
// writers (the initiating request, a notification, the reconciler) therefore never regress a state:
// the second one finds the refund already moved and changes nothing.
import type { Db } from '../db/client';
import type { Prisma } from '../generated/prisma/client';
import { writeAudit } from '../audit/log';
import { statesLeadingTo, type RefundStatus, type TransitionCause } from './states';

export interface AntomWords {
  resultCode?: string | null;
  resultStatus?: string | null;
  resultMessage?: string | null;
  antomStatus?: string | null;
}

export interface TransitionInput extends AntomWords {
  to: RefundStatus;
  cause: TransitionCause;
  actorId?: string | null;
  refundId?: string | null;
  refundedAt?: Date | null;
  nextCheckAt?: Date | null;
  attentionReason?: string | null;
  note?: string;
}

export type TransitionResult = { changed: true; from: RefundStatus } | { changed: false; current: RefundStatus | null };

const clip = (s: string | null | undefined, n: number) => (s == null ? s : s.slice(0, n));

export async function transitionRefund(db: Db, refundRequestId: string, input: TransitionInput): Promise<TransitionResult> {
  return db.$transaction(async (tx) => {
    const current = await tx.refund.findUnique({ where: { refundRequestId }, select: { status: true, paymentId: true } });
    if (!current) return { changed: false, current: null };
    const from = current.status as RefundStatus;
    if (!statesLeadingTo(input.to).includes(from)) return { changed: false, current: from };
    const final = input.to === 'SUCCESS' || input.to === 'FAILED';
    const data: Prisma.RefundUpdateManyMutationInput = {
      status: input.to,
      ...antomWordsData(input),
      ...(input.refundId ? { refundId: input.refundId } : {}),
      ...(input.refundedAt !== undefined ? { refundedAt: input.refundedAt } : {}),
      // Reaching a final state resolves what made a refund need attention (stuck, unknown, ...);
      // a contradiction that arrives after that is flagged again by the notification handler.
      ...(input.attentionReason !== undefined ? { attentionReason: clip(input.attentionReason, 256) } : final ? { attentionReason: null } : {}),
      nextCheckAt: final ? null : (input.nextCheckAt ?? null),
      ...(final ? { finalizedAt: new Date() } : {}),
    };
    const moved = await tx.refund.updateMany({ where: { refundRequestId, status: from }, data });
    if (moved.count === 0) {
      // Someone moved it between our read and our update: report where it is now, not what we read.
      const now = await tx.refund.findUnique({ where: { refundRequestId }, select: { status: true } });
      return { changed: false, current: (now?.status as RefundStatus | undefined) ?? null };
    }
    await writeAudit(tx, {
      actorType: input.cause === 'USER' ? 'USER' : input.cause === 'ANTOM_RESPONSE' || input.cause === 'NOTIFICATION' ? 'ANTOM' : 'SYSTEM',
      actorId: input.actorId ?? null,
      action: 'refund.status_changed',
      refundRequestId,
      paymentId: current.paymentId,
      details: { from, to: input.to, cause: input.cause, resultCode: input.resultCode ?? null, ...(input.note ? { note: input.note } : {}) },
    });
    return { changed: true, from };
  });
}

export function antomWordsData(words: AntomWords) {
  return {
    ...(words.resultCode !== undefined ? { resultCode: clip(words.resultCode, 64) } : {}),
    ...(words.resultStatus !== undefined ? { resultStatus: clip(words.resultStatus, 1) } : {}),
    ...(words.resultMessage !== undefined ? { resultMessage: clip(words.resultMessage, 256) } : {}),
    ...(words.antomStatus !== undefined ? { antomStatus: clip(words.antomStatus, 32) } : {}),
  };
}

/** Records what Antom said without changing the state (e.g. a U while already UNKNOWN). */
export async function noteRefund(
  db: Db,
  refundRequestId: string,
  input: AntomWords & { nextCheckAt?: Date | null; attentionReason?: string | null; refundId?: string | null },
): Promise<void> {
  await db.refund.updateMany({
    where: { refundRequestId, status: { notIn: ['SUCCESS', 'FAILED'] } },
    data: {
      ...antomWordsData(input),
      ...(input.nextCheckAt !== undefined ? { nextCheckAt: input.nextCheckAt } : {}),
      ...(input.attentionReason !== undefined ? { attentionReason: clip(input.attentionReason, 256) } : {}),
      ...(input.refundId ? { refundId: input.refundId } : {}),
    },
  });
}
