-- CreateEnum
CREATE TYPE "RefundBatchStatus" AS ENUM ('DRY_RUN', 'RUNNING', 'PAUSED', 'CANCELLED', 'DONE');

-- CreateEnum
CREATE TYPE "BatchRowVerdict" AS ENUM ('READY', 'NEEDS_APPROVAL', 'REFUSED');

-- CreateEnum
CREATE TYPE "BatchRowStage" AS ENUM ('WAITING', 'HELD', 'SENT', 'SKIPPED', 'CANCELLED');

-- CreateTable
CREATE TABLE "refund_batches" (
    "id" UUID NOT NULL,
    "merchant_key" VARCHAR(128) NOT NULL,
    "file_sha256" CHAR(64) NOT NULL,
    "file_name" VARCHAR(256) NOT NULL,
    "status" "RefundBatchStatus" NOT NULL DEFAULT 'DRY_RUN',
    "row_count" INTEGER NOT NULL,
    "ready_count" INTEGER NOT NULL,
    "approval_count" INTEGER NOT NULL,
    "refused_count" INTEGER NOT NULL,
    "totals" JSONB NOT NULL,
    "rate_per_second" INTEGER NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "confirmed_by_id" UUID,
    "confirmed_at" TIMESTAMPTZ(3),
    "cancelled_by_id" UUID,
    "lease_owner" VARCHAR(64),
    "lease_until" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refund_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refund_batch_rows" (
    "batch_id" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "payment_ref" VARCHAR(64) NOT NULL,
    "payment_id" VARCHAR(64),
    "amount_text" VARCHAR(32) NOT NULL,
    "amount_value" INTEGER,
    "currency" CHAR(3),
    "reason_code" VARCHAR(64) NOT NULL,
    "note" VARCHAR(256),
    "verdict" "BatchRowVerdict" NOT NULL,
    "problem_code" VARCHAR(32),
    "problem" VARCHAR(256),
    "refund_request_id" VARCHAR(64),
    "stage" "BatchRowStage" NOT NULL DEFAULT 'WAITING',
    "skip_reason" VARCHAR(256),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "refund_batch_rows_pkey" PRIMARY KEY ("batch_id","row")
);

-- CreateIndex
CREATE INDEX "refund_batches_status_confirmed_at_idx" ON "refund_batches"("status", "confirmed_at");

-- CreateIndex
CREATE INDEX "refund_batches_created_at_idx" ON "refund_batches"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "refund_batches_merchant_key_file_sha256_key" ON "refund_batches"("merchant_key", "file_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "refund_batch_rows_refund_request_id_key" ON "refund_batch_rows"("refund_request_id");

-- CreateIndex
CREATE INDEX "refund_batch_rows_batch_id_stage_row_idx" ON "refund_batch_rows"("batch_id", "stage", "row");

-- AddForeignKey
ALTER TABLE "refund_batch_rows" ADD CONSTRAINT "refund_batch_rows_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "refund_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;
