-- Approvals (issue 16, maker-checker): a refund that an approval rule holds waits, reserved, in
-- PENDING_APPROVAL until a second person approves it (then CREATED, and sent) or it is rejected,
-- expires or is cancelled with its batch (CANCELLED: never sent, its hold released). The database
-- refuses sending such a refund before it is approved, whatever the code does.
--
-- The new enum values are written as text below ("status"::text): PostgreSQL refuses a value added in
-- the same transaction as an enum literal, and this script runs as one. PL/pgSQL bodies are parsed
-- when they first run, after this has committed.
-- CreateEnum
CREATE TYPE "ApprovalRuleKind" AS ENUM ('AMOUNT_ABOVE', 'EVERY_REFUND', 'REQUESTER');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "RefundStatus" ADD VALUE 'CANCELLED';
ALTER TYPE "RefundStatus" ADD VALUE 'PENDING_APPROVAL';

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'APPROVER';

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "approval_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "approval_rule_id" UUID,
ADD COLUMN     "approval_why" VARCHAR(256),
ADD COLUMN     "approved_at" TIMESTAMPTZ(3),
ADD COLUMN     "approved_by_id" UUID,
ADD COLUMN     "cancel_reason" VARCHAR(256),
ADD COLUMN     "cancelled_by_id" UUID;

-- CreateTable
CREATE TABLE "approval_rules" (
    "id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "ApprovalRuleKind" NOT NULL,
    "currency" CHAR(3),
    "amount_value" INTEGER,
    "user_id" UUID,
    "valid_from" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "valid_to" TIMESTAMPTZ(3),
    "changed_by_id" UUID,

    CONSTRAINT "approval_rules_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "approval_rules_valid_to_idx" ON "approval_rules"("valid_to");

-- CreateIndex
CREATE UNIQUE INDEX "approval_rules_rule_id_version_key" ON "approval_rules"("rule_id", "version");

-- CreateIndex
CREATE INDEX "refunds_status_approval_expires_at_idx" ON "refunds"("status", "approval_expires_at");

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_approved_by_id_fkey" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_cancelled_by_id_fkey" FOREIGN KEY ("cancelled_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_approval_rule_id_fkey" FOREIGN KEY ("approval_rule_id") REFERENCES "approval_rules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_rules" ADD CONSTRAINT "approval_rules_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Approval rules: one row per version; a change closes the version in force and writes the next.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "approval_rules"
  ADD CONSTRAINT "approval_rules_version_check" CHECK ("version" >= 1),
  ADD CONSTRAINT "approval_rules_currency_check" CHECK ("currency" IS NULL OR "currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "approval_rules_valid_check" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"),
  ADD CONSTRAINT "approval_rules_shape_check" CHECK (
    ("kind" = 'AMOUNT_ABOVE' AND "currency" IS NOT NULL AND "amount_value" >= 0 AND "user_id" IS NULL)
    OR ("kind" = 'EVERY_REFUND' AND "currency" IS NULL AND "amount_value" IS NULL AND "user_id" IS NULL)
    OR ("kind" = 'REQUESTER' AND "currency" IS NULL AND "amount_value" IS NULL AND "user_id" IS NOT NULL));

-- At most one version of a rule in force.
CREATE UNIQUE INDEX "approval_rules_one_in_force" ON "approval_rules"("rule_id") WHERE "valid_to" IS NULL;

-- ---------------------------------------------------------------------------------------------
-- What the database holds a waiting refund to.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "refunds"
  -- A refund an approval rule held is never sent (nor in a state only a send reaches) before a person
  -- approved it.
  ADD CONSTRAINT "refunds_approval_before_send" CHECK (
    "approval_rule_id" IS NULL OR "approved_by_id" IS NOT NULL
    OR ("status"::text IN ('PENDING_APPROVAL', 'CANCELLED') AND "submit_attempts" = 0)),
  ADD CONSTRAINT "refunds_pending_needs_rule" CHECK ("status"::text <> 'PENDING_APPROVAL' OR "approval_rule_id" IS NOT NULL),
  ADD CONSTRAINT "refunds_approver_not_requester" CHECK (
    "approved_by_id" IS NULL OR "requested_by_id" IS NULL OR "approved_by_id" <> "requested_by_id"),
  -- CANCELLED means never sent: a refund that reached Antom ends SUCCESS or FAILED, by Antom's word.
  ADD CONSTRAINT "refunds_cancelled_never_sent" CHECK ("status"::text <> 'CANCELLED' OR "submit_attempts" = 0);

-- refunds_guard, as in the init migration, plus: CANCELLED is final too; PENDING_APPROVAL is only a
-- starting state; only a refund never sent (waiting, or reserved and not yet claimed) is cancelled;
-- an approval, once given, and the rule that asked for it never change.
CREATE OR REPLACE FUNCTION "refunds_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF OLD."status" IN ('SUCCESS', 'FAILED', 'CANCELLED') AND NEW."status" <> OLD."status" THEN
      RAISE EXCEPTION 'refund % is final (%) and cannot become %', OLD."refund_request_id", OLD."status", NEW."status"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_final_status';
    END IF;
    IF NEW."status" = 'PENDING_APPROVAL' AND OLD."status" <> 'PENDING_APPROVAL' THEN
      RAISE EXCEPTION 'refund % cannot go back to waiting for approval (it is %)', OLD."refund_request_id", OLD."status"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_pending_approval_at_start';
    END IF;
    IF NEW."status" = 'CANCELLED' AND OLD."status" NOT IN ('PENDING_APPROVAL', 'CREATED', 'CANCELLED') THEN
      RAISE EXCEPTION 'refund % is % and cannot be cancelled: it reached Antom', OLD."refund_request_id", OLD."status"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_cancelled_never_sent';
    END IF;
    IF NEW."approval_rule_id" IS DISTINCT FROM OLD."approval_rule_id"
       OR (OLD."approved_by_id" IS NOT NULL AND NEW."approved_by_id" IS DISTINCT FROM OLD."approved_by_id") THEN
      RAISE EXCEPTION 'refund % may not change the rule that held it or who approved it', OLD."refund_request_id"
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_approval_immutable';
    END IF;
  END IF;
  RETURN NEW;
END $$;

-- refunds_hold_amounts, as in the init migration, with CANCELLED holding nothing (like FAILED). A
-- PENDING_APPROVAL refund holds its amount: nobody can refund that money twice while it waits.
CREATE OR REPLACE FUNCTION "refunds_hold_amounts"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held integer := 0;
  refunded integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD."status" NOT IN ('FAILED', 'CANCELLED') THEN held := held - OLD."amount_value"; END IF;
    IF OLD."status" = 'SUCCESS' THEN refunded := refunded - OLD."amount_value"; END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW."status" NOT IN ('FAILED', 'CANCELLED') THEN held := held + NEW."amount_value"; END IF;
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

-- refund_transition and refund_flag_conflict, as in 20261201030000_refund_write_functions, with
-- CANCELLED final.
CREATE OR REPLACE FUNCTION "refund_transition"(
  p_refund_request_id text,
  p_to "RefundStatus",
  p_from_states "RefundStatus"[],
  p_changes jsonb,
  p_actor_type "ActorType",
  p_actor_id uuid,
  p_details jsonb
) RETURNS TABLE (changed boolean, from_status text, current_status text)
LANGUAGE plpgsql AS $$
DECLARE
  v_from "RefundStatus";
  v_payment_id text;
  v_final boolean := p_to::text IN ('SUCCESS', 'FAILED', 'CANCELLED');
BEGIN
  SELECT r."status", r."payment_id" INTO v_from, v_payment_id
    FROM "refunds" r WHERE r."refund_request_id" = p_refund_request_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::text, NULL::text;
    RETURN;
  END IF;
  IF NOT (v_from = ANY (p_from_states)) THEN
    RETURN QUERY SELECT false, v_from::text, v_from::text;
    RETURN;
  END IF;

  UPDATE "refunds" SET
    "status" = p_to,
    "result_code" = CASE WHEN p_changes ? 'result_code' THEN p_changes->>'result_code' ELSE "result_code" END,
    "result_status" = CASE WHEN p_changes ? 'result_status' THEN p_changes->>'result_status' ELSE "result_status" END,
    "result_message" = CASE WHEN p_changes ? 'result_message' THEN p_changes->>'result_message' ELSE "result_message" END,
    "antom_status" = CASE WHEN p_changes ? 'antom_status' THEN p_changes->>'antom_status' ELSE "antom_status" END,
    "refund_id" = CASE WHEN p_changes ? 'refund_id' THEN p_changes->>'refund_id' ELSE "refund_id" END,
    "refunded_at" = CASE WHEN p_changes ? 'refunded_at' THEN (p_changes->>'refunded_at')::timestamptz ELSE "refunded_at" END,
    -- Reaching a final state resolves what made a refund need attention (stuck, unknown, ...).
    "attention_reason" = CASE WHEN p_changes ? 'attention_reason' THEN p_changes->>'attention_reason'
                              WHEN v_final THEN NULL ELSE "attention_reason" END,
    "next_check_at" = CASE WHEN v_final THEN NULL ELSE (p_changes->>'next_check_at')::timestamptz END,
    "finalized_at" = CASE WHEN v_final THEN now() ELSE "finalized_at" END,
    "updated_at" = now()
  WHERE "refund_request_id" = p_refund_request_id;

  INSERT INTO "audit_logs" ("id", "actor_type", "actor_id", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), p_actor_type, p_actor_id, 'refund.status_changed', p_refund_request_id, v_payment_id,
          p_details || jsonb_build_object('from', v_from));
  RETURN QUERY SELECT true, v_from::text, p_to::text;
END $$;

CREATE OR REPLACE FUNCTION "refund_flag_conflict"(p_refund_request_id text, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "refunds" SET
    "attention_reason" = left(p_reason, 256),
    "next_check_at" = CASE WHEN "status" IN ('SUCCESS', 'FAILED', 'CANCELLED', 'PENDING_APPROVAL') THEN "next_check_at" ELSE now() END,
    "updated_at" = now()
  WHERE "refund_request_id" = p_refund_request_id;
  INSERT INTO "audit_logs" ("id", "actor_type", "action", "refund_request_id", "details")
  VALUES (uuid_v7(), 'ANTOM', 'refund.notification_conflict', p_refund_request_id, jsonb_build_object('reason', p_reason));
END $$;

-- refund_reserve, as in 20261201030000_refund_write_functions, plus p_approval: null when no rule
-- holds the refund (inserted CREATED, to be sent at once); otherwise {"ruleId", "why", "expiresAt"}
-- from lib/approvals, and the refund is inserted PENDING_APPROVAL (its amount held, nothing to send).
-- (20261203040100_refund_reason_code gave it p_reason_code first: the one dropped here has it.)
DROP FUNCTION "refund_reserve"(text, text, integer, text, text, "RefundReasonCode", text, uuid, timestamptz,
                               "PaymentStatus", timestamptz, integer, "RefundStatus"[], jsonb);
CREATE FUNCTION "refund_reserve"(
  p_refund_request_id text,
  p_payment_id text,
  p_amount_value integer,
  p_currency text,
  p_reason text,
  p_reason_code "RefundReasonCode",
  p_idempotency_key text,
  p_requested_by_id uuid,
  p_next_check_at timestamptz,
  p_seen_status "PaymentStatus",
  p_seen_paid_at timestamptz,
  p_seen_held_value integer,
  p_seen_refund_statuses "RefundStatus"[],
  p_audit_details jsonb,
  p_approval jsonb DEFAULT NULL
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_payment record;
  v_waits boolean := p_approval IS NOT NULL AND p_approval <> 'null'::jsonb;
BEGIN
  SELECT p."status", p."paid_at", p."refund_held_value" INTO v_payment
    FROM "payments" p WHERE p."payment_id" = p_payment_id FOR UPDATE;
  IF NOT FOUND
     OR v_payment.status <> p_seen_status
     OR v_payment.paid_at IS DISTINCT FROM p_seen_paid_at
     OR v_payment.refund_held_value <> p_seen_held_value
     OR ARRAY(SELECT r."status" FROM "refunds" r WHERE r."payment_id" = p_payment_id ORDER BY r."status")
        IS DISTINCT FROM ARRAY(SELECT s FROM unnest(p_seen_refund_statuses) s ORDER BY s) THEN
    RETURN 'CHANGED';
  END IF;

  INSERT INTO "refunds" ("refund_request_id", "payment_id", "amount_value", "currency", "status", "reason",
                         "reason_code", "idempotency_key", "requested_by_id", "next_check_at", "updated_at",
                         "approval_rule_id", "approval_why", "approval_expires_at")
  VALUES (p_refund_request_id, p_payment_id, p_amount_value, p_currency,
          CASE WHEN v_waits THEN 'PENDING_APPROVAL' ELSE 'CREATED' END::"RefundStatus", p_reason,
          p_reason_code, p_idempotency_key, p_requested_by_id, CASE WHEN v_waits THEN NULL ELSE p_next_check_at END, now(),
          CASE WHEN v_waits THEN (p_approval->>'ruleId')::uuid END,
          CASE WHEN v_waits THEN left(p_approval->>'why', 256) END,
          CASE WHEN v_waits THEN (p_approval->>'expiresAt')::timestamptz END)
  ON CONFLICT ("idempotency_key") DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'KEY_TAKEN';
  END IF;

  INSERT INTO "audit_logs" ("id", "actor_type", "actor_id", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), 'USER', p_requested_by_id, 'refund.requested', p_refund_request_id, p_payment_id,
          p_audit_details || CASE WHEN v_waits THEN jsonb_build_object('approval', p_approval) ELSE '{}'::jsonb END);
  RETURN CASE WHEN v_waits THEN 'PENDING_APPROVAL' ELSE 'CREATED' END;
END $$;

-- Cancels a refund that was never sent, in one call: a waiting one (p_kind REJECTED by a person, or
-- EXPIRED), or, for p_kind CANCELLED (a batch cancelled), also one reserved and not yet claimed for
-- sending. Under the refund's row lock, so it and a send (lib/refunds/submit.ts claims CREATED with
-- submit_attempts = 0 in one UPDATE) never both happen. Its hold is released by refunds_hold_amounts.
-- Returns whether it moved and the state the refund is in.
CREATE FUNCTION "refund_cancel_unsent"(
  p_refund_request_id text,
  p_kind text,
  p_actor_id uuid,
  p_reason text
) RETURNS TABLE (changed boolean, current_status text)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  IF p_kind NOT IN ('REJECTED', 'EXPIRED', 'CANCELLED') THEN
    RAISE EXCEPTION 'unknown cancellation kind %', p_kind;
  END IF;
  SELECT r."status", r."payment_id", r."submit_attempts" INTO v
    FROM "refunds" r WHERE r."refund_request_id" = p_refund_request_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::text;
    RETURN;
  END IF;
  IF NOT (v.status = 'PENDING_APPROVAL'
          OR (p_kind = 'CANCELLED' AND v.status = 'CREATED' AND v.submit_attempts = 0)) THEN
    RETURN QUERY SELECT false, v.status::text;
    RETURN;
  END IF;
  UPDATE "refunds" SET
    "status" = 'CANCELLED',
    "cancelled_by_id" = p_actor_id,
    "cancel_reason" = left(p_reason, 256),
    "next_check_at" = NULL,
    "attention_reason" = NULL,
    "finalized_at" = now(),
    "updated_at" = now()
  WHERE "refund_request_id" = p_refund_request_id;
  INSERT INTO "audit_logs" ("id", "actor_type", "actor_id", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), CASE WHEN p_actor_id IS NULL THEN 'SYSTEM' ELSE 'USER' END::"ActorType", p_actor_id,
          CASE p_kind WHEN 'REJECTED' THEN 'refund.rejected' WHEN 'EXPIRED' THEN 'refund.approval_expired' ELSE 'refund.cancelled' END,
          p_refund_request_id, v.payment_id,
          jsonb_build_object('from', v.status, 'to', 'CANCELLED', 'reason', p_reason));
  RETURN QUERY SELECT true, 'CANCELLED'::text;
END $$;

-- Approves a waiting refund, in one call, under its row lock: so of two approvers clicking at once one
-- approves and the other finds it CREATED already (NOT_WAITING). Refuses the requester (OWN_REQUEST;
-- the CHECK refunds_approver_not_requester backs it) and an expired one (EXPIRED: cancelled here,
-- its hold released, should the sweep not have come yet). APPROVED leaves it CREATED with
-- p_next_check_at, for the caller to send at once (or the reconciler after that, as any reserved refund).
CREATE FUNCTION "refund_approve"(
  p_refund_request_id text,
  p_approver_id uuid,
  p_next_check_at timestamptz
) RETURNS TABLE (result text, current_status text)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  SELECT r."status", r."payment_id", r."requested_by_id", r."approval_expires_at", r."approval_rule_id" INTO v
    FROM "refunds" r WHERE r."refund_request_id" = p_refund_request_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'NOT_FOUND'::text, NULL::text;
    RETURN;
  END IF;
  IF v.status <> 'PENDING_APPROVAL' THEN
    RETURN QUERY SELECT 'NOT_WAITING'::text, v.status::text;
    RETURN;
  END IF;
  IF v.requested_by_id = p_approver_id THEN
    RETURN QUERY SELECT 'OWN_REQUEST'::text, v.status::text;
    RETURN;
  END IF;
  IF v.approval_expires_at IS NOT NULL AND v.approval_expires_at <= now() THEN
    PERFORM refund_cancel_unsent(p_refund_request_id, 'EXPIRED', NULL, 'Not approved before it expired.');
    RETURN QUERY SELECT 'EXPIRED'::text, 'CANCELLED'::text;
    RETURN;
  END IF;
  UPDATE "refunds" SET
    "status" = 'CREATED',
    "approved_by_id" = p_approver_id,
    "approved_at" = now(),
    "next_check_at" = p_next_check_at,
    "updated_at" = now()
  WHERE "refund_request_id" = p_refund_request_id;
  INSERT INTO "audit_logs" ("id", "actor_type", "actor_id", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), 'USER', p_approver_id, 'refund.approved', p_refund_request_id, v.payment_id,
          jsonb_build_object('from', 'PENDING_APPROVAL', 'to', 'CREATED', 'approvalRuleId', v.approval_rule_id));
  RETURN QUERY SELECT 'APPROVED'::text, 'CREATED'::text;
END $$;

-- The expiry sweep (the worker): cancels waiting refunds past their time, oldest first, skipping any
-- an approver holds right now (that one decides: refund_approve refuses it if expired). Returns how many.
CREATE FUNCTION "refund_expire_waiting"(p_limit integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_id text;
  v_count integer := 0;
BEGIN
  FOR v_id IN
    SELECT r."refund_request_id" FROM "refunds" r
     WHERE r."status" = 'PENDING_APPROVAL' AND r."approval_expires_at" <= now()
     ORDER BY r."approval_expires_at"
     LIMIT p_limit
     FOR UPDATE SKIP LOCKED
  LOOP
    IF (SELECT c.changed FROM refund_cancel_unsent(v_id, 'EXPIRED', NULL, 'Not approved before it expired.') c) THEN
      v_count := v_count + 1;
    END IF;
  END LOOP;
  RETURN v_count;
END $$;
