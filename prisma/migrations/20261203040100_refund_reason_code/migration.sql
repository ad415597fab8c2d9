-- CreateEnum
CREATE TYPE "RefundReasonCode" AS ENUM ('REQUESTED_BY_CUSTOMER', 'DUPLICATE', 'FRAUDULENT', 'PRODUCT_NOT_RECEIVED', 'OTHER');

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "reason_code" "RefundReasonCode";

-- CreateIndex
CREATE INDEX "refunds_reason_code_created_at_refund_request_id_idx" ON "refunds"("reason_code", "created_at" DESC, "refund_request_id" DESC);

-- refund_reserve stores the picked reason code with the refund, in the same insert (issue 15).
-- Same checks as before (20261201030000_refund_write_functions); one parameter more.
DROP FUNCTION "refund_reserve"(text, text, integer, text, text, text, uuid, timestamptz, "PaymentStatus", timestamptz, integer, "RefundStatus"[], jsonb);

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
  p_audit_details jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  v_payment record;
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
                         "reason_code", "idempotency_key", "requested_by_id", "next_check_at", "updated_at")
  VALUES (p_refund_request_id, p_payment_id, p_amount_value, p_currency, 'CREATED', p_reason,
          p_reason_code, p_idempotency_key, p_requested_by_id, p_next_check_at, now())
  ON CONFLICT ("idempotency_key") DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'KEY_TAKEN';
  END IF;

  INSERT INTO "audit_logs" ("id", "actor_type", "actor_id", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), 'USER', p_requested_by_id, 'refund.requested', p_refund_request_id, p_payment_id, p_audit_details);
  RETURN 'CREATED';
END $$;

-- Payment page timeline: the notifyPayment notifications about one payment.
CREATE INDEX "notifications_payment_id_received_at_idx" ON "notifications"("payment_id", "received_at");
