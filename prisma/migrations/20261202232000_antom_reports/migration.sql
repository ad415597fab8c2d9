-- CreateEnum
CREATE TYPE "RefundSource" AS ENUM ('DASHBOARD', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('TRANSACTIONS', 'SETTLEMENT');

-- CreateEnum
CREATE TYPE "DifferenceKind" AS ENUM ('MISSING_AT_ANTOM', 'EXTERNAL_REFUND', 'AMOUNT_DIFFERS', 'STATUS_DIFFERS', 'PAYMENT_STATUS_DIFFERS');

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "source" "RefundSource" NOT NULL DEFAULT 'DASHBOARD',
ADD COLUMN     "source_note" VARCHAR(256);

-- CreateTable
CREATE TABLE "antom_reports" (
    "id" UUID NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "file_name" VARCHAR(256) NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "report_date" DATE NOT NULL,
    "row_count" INTEGER NOT NULL,
    "unknown_type_count" INTEGER NOT NULL,
    "type_counts" JSONB NOT NULL,
    "changes" JSONB,
    "supersedes_id" UUID,
    "superseded_at" TIMESTAMPTZ(3),
    "imported_by_id" UUID,
    "imported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "antom_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "antom_report_rows" (
    "kind" "ReportKind" NOT NULL,
    "transaction_id" VARCHAR(64) NOT NULL,
    "report_id" UUID NOT NULL,
    "report_date" DATE NOT NULL,
    "transaction_type" VARCHAR(32) NOT NULL,
    "transaction_status" VARCHAR(32) NOT NULL,
    "transaction_request_id" VARCHAR(64),
    "original_transaction_id" VARCHAR(64),
    "original_transaction_request_id" VARCHAR(64),
    "amount_value" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "transaction_time" TIMESTAMPTZ(3),
    "payment_method_type" VARCHAR(64),
    "settlement_batch_id" VARCHAR(64),
    "settlement_amount_value" INTEGER,
    "settlement_currency" CHAR(3),
    "fee_amount_value" INTEGER,
    "fee_currency" CHAR(3),

    CONSTRAINT "antom_report_rows_pkey" PRIMARY KEY ("kind","transaction_id","transaction_type")
);

-- CreateTable
CREATE TABLE "reconciliation_differences" (
    "id" UUID NOT NULL,
    "kind" "DifferenceKind" NOT NULL,
    "ref" VARCHAR(80) NOT NULL,
    "day" DATE NOT NULL,
    "payment_id" VARCHAR(64),
    "refund_request_id" VARCHAR(64),
    "transaction_id" VARCHAR(64),
    "currency" CHAR(3) NOT NULL,
    "ours_value" INTEGER,
    "antom_value" INTEGER,
    "ours_status" VARCHAR(32),
    "antom_status" VARCHAR(32),
    "touches_money" BOOLEAN NOT NULL,
    "flagged" BOOLEAN NOT NULL DEFAULT true,
    "detail" VARCHAR(512) NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "explained_at" TIMESTAMPTZ(3),
    "explained_by_id" UUID,
    "explanation" VARCHAR(1000),

    CONSTRAINT "reconciliation_differences_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "antom_reports_sha256_key" ON "antom_reports"("sha256");

-- CreateIndex
CREATE INDEX "antom_reports_kind_report_date_idx" ON "antom_reports"("kind", "report_date");

-- CreateIndex (by hand: partial, see schema.prisma)
CREATE INDEX "antom_report_rows_refund_request_id_idx" ON "antom_report_rows"("transaction_request_id")
  WHERE "transaction_type" = 'REFUND';

-- CreateIndex
CREATE INDEX "antom_report_rows_kind_report_date_transaction_type_idx" ON "antom_report_rows"("kind", "report_date", "transaction_type");

-- CreateIndex
CREATE INDEX "reconciliation_differences_day_idx" ON "reconciliation_differences"("day");

-- CreateIndex
CREATE INDEX "reconciliation_differences_transaction_id_idx" ON "reconciliation_differences"("transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_differences_kind_ref_key" ON "reconciliation_differences"("kind", "ref");

-- ---------------------------------------------------------------------------------------------
-- External refunds (issue 13): a refund that Antom's transaction details report shows and that this
-- dashboard did not make (Antom Dashboard, the merchant's own backend, another tool). It is written
-- into "refunds" like any other, so the refunds_hold_amounts trigger counts it against the payment's
-- refundable amount at once and payments_refund_held_value_check refuses it when the payment cannot
-- hold it: the database enforces the same invariant as for ours. Keyed by Antom's refundId (the
-- report's transactionId) through the idempotency key, so a report imported again records nothing.
-- Returns RECORDED, ALREADY (this refundId is held already), NO_PAYMENT (we hold no such payment),
-- CURRENCY (not the payment's currency) or OVER_REFUND (the payment cannot hold it: refused).
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION "refund_record_external"(
  p_refund_request_id text,
  p_refund_id text,
  p_payment_id text,
  p_amount_value integer,
  p_currency text,
  p_status "RefundStatus",
  p_refunded_at timestamptz,
  p_note text
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_payment record;
BEGIN
  SELECT p."currency" INTO v_payment FROM "payments" p WHERE p."payment_id" = p_payment_id FOR UPDATE;
  IF NOT FOUND THEN RETURN 'NO_PAYMENT'; END IF;
  IF v_payment.currency <> p_currency THEN RETURN 'CURRENCY'; END IF;
  IF EXISTS (SELECT 1 FROM "refunds" r WHERE r."refund_id" = p_refund_id OR r."idempotency_key" = 'antom-report:' || p_refund_id) THEN
    RETURN 'ALREADY';
  END IF;
  BEGIN
    INSERT INTO "refunds" ("refund_request_id", "refund_id", "payment_id", "amount_value", "currency", "status",
                           "antom_status", "idempotency_key", "source", "source_note", "reason",
                           "refunded_at", "finalized_at", "updated_at")
    VALUES (p_refund_request_id, p_refund_id, p_payment_id, p_amount_value, p_currency, p_status,
            p_status::text, 'antom-report:' || p_refund_id, 'EXTERNAL', left(p_note, 256),
            'Made outside this dashboard', p_refunded_at,
            CASE WHEN p_status IN ('SUCCESS', 'FAILED') THEN now() END, now());
  EXCEPTION WHEN check_violation THEN
    RETURN 'OVER_REFUND';
  END;
  INSERT INTO "audit_logs" ("id", "actor_type", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), 'ANTOM', 'refund.external_recorded', p_refund_request_id, p_payment_id,
          jsonb_build_object('refundId', p_refund_id, 'amountValue', p_amount_value, 'currency', p_currency,
                             'status', p_status, 'source', p_note));
  RETURN 'RECORDED';
END $$;
