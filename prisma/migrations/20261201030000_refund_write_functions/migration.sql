-- The refund engine's writes as single statements (issue 6: write-path round trips).
--
-- Each function does in one call what the engine did in three to eight round trips, inside the one
-- transaction the call runs in. The rules stay where they were: which states may lead to which is
-- passed in from lib/refunds/states.ts (p_from_states), refundability is decided in
-- lib/refunds/refundability.ts, and the money invariants stay with the triggers and CHECKs of the init
-- migration, which every write here goes through.

-- A time-ordered UUID (version 7), as Prisma's @default(uuid(7)) makes for rows it inserts itself.
-- PostgreSQL 18 has uuidv7(); 15 does not.
CREATE FUNCTION "uuid_v7"() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;

-- Moves a refund to p_to when it is in one of p_from_states, and writes the audit entry, in one
-- call. The row lock taken first makes concurrent writers (initiating request, notification,
-- reconciler) queue on the refund: each one then sees where the one before left it, and the audit
-- entry's "from" is the state really left. p_changes holds the other columns to set (a key that is
-- absent keeps the column's value); lib/refunds/transition.ts builds it.
CREATE FUNCTION "refund_transition"(
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
  v_final boolean := p_to IN ('SUCCESS', 'FAILED');
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

-- A notification that contradicts what we hold is never applied: the refund is flagged for a person,
-- checked with Antom again at once (unless it is final), and the contradiction is audited.
CREATE FUNCTION "refund_flag_conflict"(p_refund_request_id text, p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "refunds" SET
    "attention_reason" = left(p_reason, 256),
    "next_check_at" = CASE WHEN "status" IN ('SUCCESS', 'FAILED') THEN "next_check_at" ELSE now() END,
    "updated_at" = now()
  WHERE "refund_request_id" = p_refund_request_id;
  INSERT INTO "audit_logs" ("id", "actor_type", "action", "refund_request_id", "details")
  VALUES (uuid_v7(), 'ANTOM', 'refund.notification_conflict', p_refund_request_id, jsonb_build_object('reason', p_reason));
END $$;

-- What a verified notifyRefund means for its refund, applied: APPLIED (moved), DUPLICATE (already
-- there), UNKNOWN_REFUND (not ours: kept, flagged) or CONFLICT (amount, currency, refundId or final
-- state contradict ours: flagged, never applied). Touches no notification row: the two callers below
-- store the outcome, so that a fresh notification is written once, with its outcome.
CREATE FUNCTION "refund_notification_settle"(
  p_refund_request_id text,
  p_refund_id text,
  p_raw_status text,
  p_amount_value integer,
  p_currency text,
  p_to "RefundStatus",
  p_from_states "RefundStatus"[],
  p_changes jsonb,
  p_details jsonb
) RETURNS TABLE (outcome "NotificationOutcome", note text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_refund record;
  v_moved record;
BEGIN
  -- Antom names the refund both ways; ours by refundRequestId first, should the two disagree.
  SELECT r."refund_request_id", r."refund_id", r."amount_value", r."currency" INTO v_refund
    FROM "refunds" r
   WHERE r."refund_request_id" = p_refund_request_id OR r."refund_id" = p_refund_id
   ORDER BY r."refund_request_id" = p_refund_request_id DESC
   LIMIT 1;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'UNKNOWN_REFUND'::"NotificationOutcome", format('No refund %s / %s here.', p_refund_request_id, p_refund_id);
    RETURN;
  END IF;
  IF p_amount_value <> v_refund.amount_value OR p_currency <> v_refund.currency
     OR (v_refund.refund_id IS NOT NULL AND v_refund.refund_id <> p_refund_id) THEN
    PERFORM refund_flag_conflict(v_refund.refund_request_id,
      format('A notification reports %s %s (refund %s); we hold %s %s.', p_amount_value, p_currency, p_refund_id, v_refund.amount_value, v_refund.currency));
    RETURN QUERY SELECT 'CONFLICT'::"NotificationOutcome", 'amount, currency or refundId differ from ours';
    RETURN;
  END IF;

  SELECT * INTO v_moved
    FROM refund_transition(v_refund.refund_request_id, p_to, p_from_states, p_changes, 'ANTOM', NULL, p_details);
  IF v_moved.changed THEN
    RETURN QUERY SELECT 'APPLIED'::"NotificationOutcome", NULL::text;
  ELSIF v_moved.current_status = p_to::text THEN
    RETURN QUERY SELECT 'DUPLICATE'::"NotificationOutcome", NULL::text;
  ELSE
    PERFORM refund_flag_conflict(v_refund.refund_request_id,
      format('Antom notified %s but this refund is %s: checking with Antom.', p_raw_status, v_moved.current_status));
    RETURN QUERY SELECT 'CONFLICT'::"NotificationOutcome", format('notified %s, refund is %s', p_to, v_moved.current_status);
  END IF;
END $$;

-- A stored notification applied again (the worker replays those left PENDING): settled, and its
-- outcome recorded on the row.
CREATE FUNCTION "refund_notification_apply"(
  p_notification_id uuid,
  p_refund_request_id text,
  p_refund_id text,
  p_raw_status text,
  p_amount_value integer,
  p_currency text,
  p_to "RefundStatus",
  p_from_states "RefundStatus"[],
  p_changes jsonb,
  p_details jsonb
) RETURNS TABLE (outcome text, note text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_outcome "NotificationOutcome";
  v_note text;
BEGIN
  SELECT s.outcome, s.note INTO v_outcome, v_note
    FROM refund_notification_settle(p_refund_request_id, p_refund_id, p_raw_status, p_amount_value, p_currency,
                                    p_to, p_from_states, p_changes, p_details) s;
  UPDATE "notifications" SET "outcome" = v_outcome, "processed_at" = now(), "note" = v_note
   WHERE "id" = p_notification_id;
  RETURN QUERY SELECT v_outcome::text, v_note;
END $$;

-- A verified notifyRefund from the webhook: settled, then stored with its outcome, in one call. If
-- settling fails, what it did is rolled back and the notification is stored PENDING (the worker
-- replays those), with the error returned for the log: a notification we acknowledge is never lost.
CREATE FUNCTION "refund_notification_receive"(
  p_path text,
  p_headers jsonb,
  p_raw_body text,
  p_notify_type text,
  p_refund_request_id text,
  p_refund_id text,
  p_raw_status text,
  p_amount_value integer,
  p_currency text,
  p_to "RefundStatus",
  p_from_states "RefundStatus"[],
  p_changes jsonb,
  p_details jsonb
) RETURNS TABLE (notification_id uuid, outcome text, note text, error text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_id uuid := uuid_v7();
  v_outcome "NotificationOutcome";
  v_note text;
  v_error text;
BEGIN
  BEGIN
    SELECT s.outcome, s.note INTO v_outcome, v_note
      FROM refund_notification_settle(p_refund_request_id, p_refund_id, p_raw_status, p_amount_value, p_currency,
                                      p_to, p_from_states, p_changes, p_details) s;
  EXCEPTION WHEN OTHERS THEN
    -- Rolls back only this block (a subtransaction): the refund is as it was.
    v_outcome := 'PENDING';
    v_note := NULL;
    v_error := SQLERRM;
  END;
  -- Written once, with its outcome: the outcome is indexed, so a later UPDATE would rewrite every index entry.
  INSERT INTO "notifications" ("id", "path", "headers", "raw_body", "signature_verdict", "notify_type",
                               "refund_request_id", "refund_id", "refund_status", "outcome", "processed_at", "note")
  VALUES (v_id, p_path, p_headers, p_raw_body, 'VALID', p_notify_type, p_refund_request_id, p_refund_id, p_raw_status,
          v_outcome, CASE WHEN v_outcome = 'PENDING' THEN NULL ELSE now() END, v_note);
  RETURN QUERY SELECT v_id, v_outcome::text, v_note, v_error;
END $$;

-- Reserves a refund that lib/refunds/initiate.ts decided on from the payment and its refunds' states
-- as it read them a moment before, without a lock. Under the payment's row lock this checks that
-- everything the decision rested on is still so, then inserts the refund (the triggers add it to
-- refund_held_value; payments_refund_held_value_check still refuses an over-refund) and its audit
-- entry. Returns CREATED; CHANGED when the payment or its refunds moved in between (the caller reads
-- again and decides again); KEY_TAKEN when a double submit with the same idempotency key won.
-- One round trip instead of an interactive transaction of five, with the same guarantee: no refund
-- is reserved on a decision that is out of date.
CREATE FUNCTION "refund_reserve"(
  p_refund_request_id text,
  p_payment_id text,
  p_amount_value integer,
  p_currency text,
  p_reason text,
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
                         "idempotency_key", "requested_by_id", "next_check_at", "updated_at")
  VALUES (p_refund_request_id, p_payment_id, p_amount_value, p_currency, 'CREATED', p_reason,
          p_idempotency_key, p_requested_by_id, p_next_check_at, now())
  ON CONFLICT ("idempotency_key") DO NOTHING;
  IF NOT FOUND THEN
    RETURN 'KEY_TAKEN';
  END IF;

  INSERT INTO "audit_logs" ("id", "actor_type", "actor_id", "action", "refund_request_id", "payment_id", "details")
  VALUES (uuid_v7(), 'USER', p_requested_by_id, 'refund.requested', p_refund_request_id, p_payment_id, p_audit_details);
  RETURN 'CREATED';
END $$;
