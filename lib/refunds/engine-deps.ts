import type { AntomClient } from '../antom';
import type { Db } from '../db/client';

/** What the engine needs from the outside world; tests pass their own. */
export interface RefundEngineDeps {
  db: Db;
  antom: AntomClient;
  /** Where Antom should POST notifyRefund for online refunds; unset: the URL configured at Antom. */
  notifyUrl?: string;
}

/** The columns every engine step reads. */
export const REFUND_COLUMNS = {
  refundRequestId: true, refundId: true, paymentId: true, amountValue: true, currency: true, status: true,
  resultCode: true, resultStatus: true, resultMessage: true, antomStatus: true, reason: true,
  idempotencyKey: true, requestedById: true, attentionReason: true, nextCheckAt: true, checkAttempts: true,
  submitAttempts: true, notFoundCount: true, createdAt: true, updatedAt: true, finalizedAt: true, refundedAt: true,
} as const;
