-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'REFUNDER', 'VIEWER');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('ONLINE', 'IN_STORE');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('CREATED', 'PROCESSING', 'UNKNOWN', 'SUCCESS', 'FAILED');

-- CreateEnum
CREATE TYPE "AntomOperation" AS ENUM ('REFUND', 'INQUIRY_REFUND', 'INQUIRY_PAYMENT');

-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('SUCCESS', 'FAILURE', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "SignatureVerdict" AS ENUM ('VALID', 'INVALID', 'MISSING', 'NOT_CHECKED');

-- CreateEnum
CREATE TYPE "NotificationOutcome" AS ENUM ('PENDING', 'APPLIED', 'DUPLICATE', 'UNKNOWN_REFUND', 'CONFLICT', 'REJECTED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'SYSTEM', 'ANTOM');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "payment_id" VARCHAR(64) NOT NULL,
    "payment_request_id" VARCHAR(64) NOT NULL,
    "channel" "Channel" NOT NULL,
    "amount_value" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "method" VARCHAR(64) NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "refund_held_value" INTEGER NOT NULL DEFAULT 0,
    "refunded_value" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("payment_id")
);

-- CreateTable
CREATE TABLE "refunds" (
    "refund_request_id" VARCHAR(64) NOT NULL,
    "refund_id" VARCHAR(64),
    "payment_id" VARCHAR(64) NOT NULL,
    "amount_value" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "result_code" VARCHAR(64),
    "result_status" VARCHAR(1),
    "result_message" VARCHAR(256),
    "antom_status" VARCHAR(32),
    "reason" VARCHAR(256),
    "idempotency_key" VARCHAR(128) NOT NULL,
    "requested_by_id" UUID,
    "attention_reason" VARCHAR(256),
    "next_check_at" TIMESTAMPTZ(3),
    "check_attempts" INTEGER NOT NULL DEFAULT 0,
    "refunded_at" TIMESTAMPTZ(3),
    "finalized_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refunds_pkey" PRIMARY KEY ("refund_request_id")
);

-- CreateTable
CREATE TABLE "antom_calls" (
    "id" UUID NOT NULL,
    "operation" "AntomOperation" NOT NULL,
    "path" VARCHAR(128) NOT NULL,
    "refund_request_id" VARCHAR(64),
    "payment_id" VARCHAR(64),
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT NOT NULL,
    "http_status" INTEGER,
    "response_headers" JSONB,
    "response_body" TEXT,
    "signature_verdict" "SignatureVerdict" NOT NULL,
    "outcome" "CallOutcome" NOT NULL,
    "result_code" VARCHAR(64),
    "result_status" VARCHAR(1),
    "error" TEXT,
    "latency_ms" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "antom_calls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "path" VARCHAR(128) NOT NULL,
    "headers" JSONB NOT NULL,
    "raw_body" TEXT NOT NULL,
    "signature_verdict" "SignatureVerdict" NOT NULL,
    "notify_type" VARCHAR(64),
    "refund_request_id" VARCHAR(64),
    "refund_id" VARCHAR(64),
    "refund_status" VARCHAR(32),
    "outcome" "NotificationOutcome" NOT NULL DEFAULT 'PENDING',
    "processed_at" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "refund_request_id" VARCHAR(64),
    "payment_id" VARCHAR(64),
    "details" JSONB NOT NULL DEFAULT '{}',
    "ip" VARCHAR(64),

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "payments_payment_request_id_key" ON "payments"("payment_request_id");

-- CreateIndex
CREATE INDEX "payments_created_at_payment_id_idx" ON "payments"("created_at" DESC, "payment_id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "refunds_refund_id_key" ON "refunds"("refund_id");

-- CreateIndex
CREATE UNIQUE INDEX "refunds_idempotency_key_key" ON "refunds"("idempotency_key");

-- CreateIndex
CREATE INDEX "refunds_payment_id_idx" ON "refunds"("payment_id");

-- CreateIndex
CREATE INDEX "refunds_created_at_refund_request_id_idx" ON "refunds"("created_at" DESC, "refund_request_id" DESC);

-- CreateIndex
CREATE INDEX "refunds_status_next_check_at_idx" ON "refunds"("status", "next_check_at");

-- CreateIndex
CREATE INDEX "antom_calls_refund_request_id_started_at_idx" ON "antom_calls"("refund_request_id", "started_at");

-- CreateIndex
CREATE INDEX "antom_calls_payment_id_started_at_idx" ON "antom_calls"("payment_id", "started_at");

-- CreateIndex
CREATE INDEX "notifications_refund_request_id_received_at_idx" ON "notifications"("refund_request_id", "received_at");

-- CreateIndex
CREATE INDEX "notifications_outcome_received_at_idx" ON "notifications"("outcome", "received_at");

-- CreateIndex
CREATE INDEX "audit_logs_at_idx" ON "audit_logs"("at" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_refund_request_id_at_idx" ON "audit_logs"("refund_request_id", "at");

-- CreateIndex
CREATE INDEX "audit_logs_actor_id_at_idx" ON "audit_logs"("actor_id", "at");

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("payment_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "antom_calls" ADD CONSTRAINT "antom_calls_refund_request_id_fkey" FOREIGN KEY ("refund_request_id") REFERENCES "refunds"("refund_request_id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_refund_request_id_fkey" FOREIGN KEY ("refund_request_id") REFERENCES "refunds"("refund_request_id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Invariants the database enforces itself (not expressible in schema.prisma; written by hand).
-- ---------------------------------------------------------------------------------------------

-- Money: integers in minor units, with an ISO 4217 currency; Antom's amount limit is 2147483647.
ALTER TABLE "payments"
  ADD CONSTRAINT "payments_amount_value_check" CHECK ("amount_value" >= 0),
  ADD CONSTRAINT "payments_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
  -- The sum of refunds that are not definitely failed never exceeds the payment.
  ADD CONSTRAINT "payments_refund_held_value_check" CHECK ("refund_held_value" >= 0 AND "refund_held_value" <= "amount_value"),
  ADD CONSTRAINT "payments_refunded_value_check" CHECK ("refunded_value" >= 0 AND "refunded_value" <= "refund_held_value");

ALTER TABLE "refunds"
  ADD CONSTRAINT "refunds_amount_value_check" CHECK ("amount_value" > 0),
  ADD CONSTRAINT "refunds_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
  -- Antom-safe: letters, digits and underscores, at most 64 characters.
  ADD CONSTRAINT "refunds_refund_request_id_check" CHECK ("refund_request_id" ~ '^[A-Za-z0-9_]{1,64}$'),
  ADD CONSTRAINT "refunds_check_attempts_check" CHECK ("check_attempts" >= 0);

ALTER TABLE "antom_calls"
  ADD CONSTRAINT "antom_calls_latency_ms_check" CHECK ("latency_ms" >= 0);

ALTER TABLE "users"
  ADD CONSTRAINT "users_email_lower_check" CHECK ("email" = lower("email"));

-- A refund's payment, amount and currency never change, its currency is its payment's, and a
-- final state (SUCCESS, FAILED) is never left.
CREATE FUNCTION "refunds_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM "payments" WHERE "payment_id" = NEW."payment_id" AND "currency" = NEW."currency") THEN
      RAISE EXCEPTION 'refund currency % is not the currency of payment %', NEW."currency", NEW."payment_id"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_currency_matches_payment';
    END IF;
  ELSE
    IF NEW."payment_id" <> OLD."payment_id" OR NEW."amount_value" <> OLD."amount_value" OR NEW."currency" <> OLD."currency" THEN
      RAISE EXCEPTION 'refund % may not change its payment, amount or currency', OLD."refund_request_id"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_immutable_money';
    END IF;
    IF OLD."status" IN ('SUCCESS', 'FAILED') AND NEW."status" <> OLD."status" THEN
      RAISE EXCEPTION 'refund % is final (%) and cannot become %', OLD."refund_request_id", OLD."status", NEW."status"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_final_status';
    END IF;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "refunds_guard" BEFORE INSERT OR UPDATE ON "refunds"
  FOR EACH ROW EXECUTE FUNCTION "refunds_guard"();

-- Keeps payments.refund_held_value (refunds not FAILED) and payments.refunded_value (SUCCESS) in
-- step with the refunds. The UPDATE takes the payment's row lock, so concurrent refunds of one
-- payment serialise here, and payments_refund_held_value_check rejects the one that would over-refund.
CREATE FUNCTION "refunds_hold_amounts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held integer := 0;
  refunded integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD."status" <> 'FAILED' THEN held := held - OLD."amount_value"; END IF;
    IF OLD."status" = 'SUCCESS' THEN refunded := refunded - OLD."amount_value"; END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW."status" <> 'FAILED' THEN held := held + NEW."amount_value"; END IF;
    IF NEW."status" = 'SUCCESS' THEN refunded := refunded + NEW."amount_value"; END IF;
  END IF;
  IF held <> 0 OR refunded <> 0 THEN
    UPDATE "payments"
       SET "refund_held_value" = "refund_held_value" + held,
           "refunded_value" = "refunded_value" + refunded
     WHERE "payment_id" = COALESCE(NEW."payment_id", OLD."payment_id");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "refunds_hold_amounts" AFTER INSERT OR UPDATE OF "status" OR DELETE ON "refunds"
  FOR EACH ROW EXECUTE FUNCTION "refunds_hold_amounts"();
