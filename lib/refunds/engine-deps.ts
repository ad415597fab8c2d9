import { createAntomClient, loadAntomConfig, prismaRecorder, type AntomClient } from '../antom';
import { Prisma, type Db } from '../db/client';
import { env, type Env } from '../env';
import { queryRows } from '../db/sql';
import { observedRecorder } from '../ops/antom-calls';
import type { Channel } from '../payments/states';

/** What the engine needs from the outside world; tests pass their own. */
export interface RefundEngineDeps {
  db: Db;
  antom: AntomClient;
  /** Where Antom should POST notifyRefund for online refunds; unset: the URL configured at Antom. */
  notifyUrl?: string;
  /**
   * The path prefix a reverse proxy strips before requests reach the app (PUBLIC_BASE_URL's path,
   * "" when none): notifications are verified against the path Antom posted to, prefix included.
   */
  publicPathPrefix?: string;
  /** The Antom products the merchant has (ANTOM_CHANNELS), in the order a look-up asks them; unset: both. */
  channels?: readonly Channel[];
  /** How long a refund waits for approval before it is cancelled (REFUND_APPROVAL_EXPIRES_HOURS); unset: 72. */
  approvalExpiresHours?: number;
}

export const DEFAULT_APPROVAL_EXPIRES_HOURS = 72;

/**
 * The engine wired to one database client and the configured Antom (the sandbox when no gateway is
 * set), every call recorded in antom_calls. The app (app-deps.ts), the notification fast path and
 * the worker each make theirs here, on their own connection pool.
 */
export function createEngineDeps(db: Db, settings: Env = env()): RefundEngineDeps {
  return {
    db,
    antom: createAntomClient({ config: loadAntomConfig(settings), recorder: observedRecorder(prismaRecorder(db)) }),
    notifyUrl: settings.ANTOM_NOTIFY_URL,
    publicPathPrefix: settings.PUBLIC_BASE_URL ? new URL(settings.PUBLIC_BASE_URL).pathname.replace(/\/+$/, '') : '',
    channels: settings.ANTOM_CHANNELS,
    approvalExpiresHours: settings.REFUND_APPROVAL_EXPIRES_HOURS,
  };
}

/** The columns every engine step reads. */
export const REFUND_COLUMNS = {
  refundRequestId: true,
  refundId: true,
  paymentId: true,
  amountValue: true,
  currency: true,
  status: true,
  resultCode: true,
  resultStatus: true,
  resultMessage: true,
  antomStatus: true,
  reason: true,
  idempotencyKey: true,
  requestedById: true,
  attentionReason: true,
  nextCheckAt: true,
  checkAttempts: true,
  submitAttempts: true,
  notFoundCount: true,
  createdAt: true,
  updatedAt: true,
  finalizedAt: true,
  refundedAt: true,
  approvalWhy: true,
  approvalExpiresAt: true,
  approvedById: true,
  approvedAt: true,
  cancelledById: true,
  cancelReason: true,
} as const;

export type RefundRow = Prisma.RefundGetPayload<{ select: typeof REFUND_COLUMNS }>;

/**
 * REFUND_COLUMNS in SQL, for reading a refund without Prisma on the hot path (lib/db/sql.ts).
 * Keep the two in step: a test compares what each returns for the same refund.
 */
export const REFUND_SQL_COLUMNS = Prisma.sql`
  refund_request_id AS "refundRequestId", refund_id AS "refundId", payment_id AS "paymentId", amount_value AS "amountValue",
  currency, status::text AS status, result_code AS "resultCode", result_status AS "resultStatus", result_message AS "resultMessage",
  antom_status AS "antomStatus", reason, idempotency_key AS "idempotencyKey", requested_by_id::text AS "requestedById",
  attention_reason AS "attentionReason", next_check_at AS "nextCheckAt", check_attempts AS "checkAttempts",
  submit_attempts AS "submitAttempts", not_found_count AS "notFoundCount", created_at AS "createdAt", updated_at AS "updatedAt",
  finalized_at AS "finalizedAt", refunded_at AS "refundedAt", approval_why AS "approvalWhy",
  approval_expires_at AS "approvalExpiresAt", approved_by_id::text AS "approvedById", approved_at AS "approvedAt",
  cancelled_by_id::text AS "cancelledById", cancel_reason AS "cancelReason"`;

/** One refund with REFUND_COLUMNS, read in one statement on the client's pool. */
export async function readRefund(db: Db, refundRequestId: string): Promise<RefundRow | null> {
  const [row] = await queryRows<RefundRow>(
    db,
    Prisma.sql`SELECT ${REFUND_SQL_COLUMNS} FROM refunds WHERE refund_request_id = ${refundRequestId}`,
  );
  return row ?? null;
}
