// Moves a refund between states with a conditional UPDATE (the move happens only if the refund is
// still in a state that allows it), writing the audit entry in the same transaction. Concurrent
// writers (the initiating request, a notification, the reconciler) therefore never regress a state:
// the second one finds the refund already moved and changes nothing.
//
// The move is one call of the SQL function refund_transition (migration
// 20261201030000_refund_write_functions): row lock, check, update and audit in one round trip. What
// may lead where still comes from states.ts; this module turns a TransitionInput into its arguments.
import type { Db } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import { queryRows } from '../db/sql';
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

/** What refund_transition takes: the columns to set (an absent key keeps the column), who, and the audit details. */
export interface TransitionArgs {
  fromStates: RefundStatus[];
  changes: Record<string, string | null>;
  actorType: 'USER' | 'SYSTEM' | 'ANTOM';
  details: Prisma.InputJsonObject;
}

export function transitionArgs(input: TransitionInput): TransitionArgs {
  const changes: Record<string, string | null> = {
    ...(input.resultCode !== undefined ? { result_code: clip(input.resultCode, 64) ?? null } : {}),
    ...(input.resultStatus !== undefined ? { result_status: clip(input.resultStatus, 1) ?? null } : {}),
    ...(input.resultMessage !== undefined ? { result_message: clip(input.resultMessage, 256) ?? null } : {}),
    ...(input.antomStatus !== undefined ? { antom_status: clip(input.antomStatus, 32) ?? null } : {}),
    ...(input.refundId ? { refund_id: input.refundId } : {}),
    ...(input.refundedAt !== undefined ? { refunded_at: input.refundedAt?.toISOString() ?? null } : {}),
    // Absent: a final state clears the attention reason (a contradiction arriving after that is
    // flagged again by the notification handling); any other state keeps it.
    ...(input.attentionReason !== undefined ? { attention_reason: clip(input.attentionReason, 256) ?? null } : {}),
    // Not final: the next check is this one, or none.
    next_check_at: input.nextCheckAt?.toISOString() ?? null,
  };
  return {
    fromStates: statesLeadingTo(input.to),
    changes,
    actorType:
      input.cause === 'USER'
        ? 'USER'
        : input.cause === 'ANTOM_RESPONSE' || input.cause === 'NOTIFICATION'
          ? 'ANTOM'
          : 'SYSTEM',
    details: {
      to: input.to,
      cause: input.cause,
      resultCode: input.resultCode ?? null,
      ...(input.note ? { note: input.note } : {}),
    },
  };
}

export async function transitionRefund(
  db: Db,
  refundRequestId: string,
  input: TransitionInput,
): Promise<TransitionResult> {
  const args = transitionArgs(input);
  const [row] = await queryRows<{
    changed: boolean;
    from_status: RefundStatus | null;
    current_status: RefundStatus | null;
  }>(
    db,
    Prisma.sql`
    SELECT changed, from_status, current_status
      FROM refund_transition(${refundRequestId}, ${input.to}::"RefundStatus", ${args.fromStates}::"RefundStatus"[],
                             ${JSON.stringify(args.changes)}::jsonb, ${args.actorType}::"ActorType", ${input.actorId ?? null}::uuid, ${JSON.stringify(args.details)}::jsonb)`,
  );
  if (row?.changed) return { changed: true, from: row.from_status! };
  return { changed: false, current: row?.current_status ?? null };
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
    where: { refundRequestId, status: { notIn: ['SUCCESS', 'FAILED', 'CANCELLED'] } },
    data: {
      ...antomWordsData(input),
      ...(input.nextCheckAt !== undefined ? { nextCheckAt: input.nextCheckAt } : {}),
      ...(input.attentionReason !== undefined ? { attentionReason: clip(input.attentionReason, 256) } : {}),
      ...(input.refundId ? { refundId: input.refundId } : {}),
    },
  });
}
