-- notifyPayment (issue 12, route 1): payments that reach us from Antom's notifications.
-- The notifications table takes both kinds (a notifyPayment names a payment, which need not be one we
-- hold, so no foreign key); a payment carries an attention reason like a refund; and the settling of a
-- verified notifyPayment is one statement, as for notifyRefund (20261201030000_refund_write_functions).

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('REFUND', 'PAYMENT');

-- AlterEnum
ALTER TYPE "NotificationOutcome" ADD VALUE 'IGNORED';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "kind" "NotificationKind" NOT NULL DEFAULT 'REFUND',
ADD COLUMN     "payment_id" VARCHAR(64),
ADD COLUMN     "payment_request_id" VARCHAR(64),
ADD COLUMN     "payment_status" VARCHAR(32);

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "attention_reason" VARCHAR(256);

-- A notifyPayment that contradicts a payment we hold is never applied: the payment is flagged for a
-- person and the contradiction is audited.
CREATE FUNCTION "payment_flag_conflict"(p_payment_id text, p_reason text, p_details jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "payments" SET "attention_reason" = left(p_reason, 256), "updated_at" = now()
   WHERE "payment_id" = p_payment_id;
  INSERT INTO "audit_logs" ("id", "actor_type", "action", "payment_id", "details")
  VALUES (uuid_v7(), 'ANTOM', 'payment.notification_conflict', p_payment_id,
          p_details || jsonb_build_object('reason', p_reason));
END $$;

-- What a verified notifyPayment means for its payment, applied under the payment's row lock:
--   APPLIED    a payment we did not hold, created as Antom reports it; or a move to p_status from
--              one of p_from_states (which states may lead where comes from lib/payments/states.ts)
--   DUPLICATE  the payment is already in p_status (Antom's retries, copies)
--   IGNORED    nothing to apply: no state reported (p_status NULL), or a state that is not final
--              arriving after a later one (PENDING after SUCCESS never downgrades)
--   CONFLICT   the ids, amount or currency differ from the payment we hold under either id, or a
--              final result contradicts ours: flagged, audited, never applied
-- Touches no notification row: the two callers below store the outcome.
CREATE FUNCTION "payment_notification_settle"(
  p_payment_id text,
  p_payment_request_id text,
  p_amount_value integer,
  p_currency text,
  p_status "PaymentStatus",
  p_status_is_final boolean,
  p_from_states "PaymentStatus"[],
  p_channel "Channel",
  p_method text,
  p_created_at timestamptz,
  p_paid_at timestamptz,
  p_details jsonb
) RETURNS TABLE (outcome "NotificationOutcome", note text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_payment record;
  v_conflict text;
BEGIN
  FOR attempt IN 1..2 LOOP
    -- The payment either id names, locked; the one named by paymentId first, should they differ.
    SELECT p."payment_id", p."payment_request_id", p."amount_value", p."currency", p."status", p."paid_at" INTO v_payment
      FROM "payments" p
     WHERE p."payment_id" = p_payment_id OR p."payment_request_id" = p_payment_request_id
     ORDER BY p."payment_id" = p_payment_id DESC
     LIMIT 1
       FOR UPDATE;
    EXIT WHEN FOUND;
    IF p_status IS NULL THEN
      RETURN QUERY SELECT 'IGNORED'::"NotificationOutcome",
        format('Reports no payment state, and payment %s is not held here.', p_payment_id);
      RETURN;
    END IF;
    -- A payment we do not hold: created as Antom reports it, ready to refund once it is SUCCESS.
    INSERT INTO "payments" ("payment_id", "payment_request_id", "channel", "amount_value", "currency", "method",
                            "status", "created_at", "paid_at", "updated_at")
    VALUES (p_payment_id, p_payment_request_id, p_channel, p_amount_value, p_currency, coalesce(p_method, 'UNKNOWN'),
            p_status, coalesce(p_created_at, now()),
            CASE WHEN p_status = 'SUCCESS' THEN coalesce(p_paid_at, now()) END, now())
    ON CONFLICT DO NOTHING;
    IF FOUND THEN
      INSERT INTO "audit_logs" ("id", "actor_type", "action", "payment_id", "details")
      VALUES (uuid_v7(), 'ANTOM', 'payment.received', p_payment_id, p_details);
      RETURN QUERY SELECT 'APPLIED'::"NotificationOutcome", NULL::text;
      RETURN;
    END IF;
    -- Another notification naming one of these ids created the payment first: settle against it.
  END LOOP;
  IF v_payment IS NULL THEN
    RAISE EXCEPTION 'payment % / % could be neither created nor read', p_payment_id, p_payment_request_id;
  END IF;

  IF v_payment.payment_id <> p_payment_id OR v_payment.payment_request_id <> p_payment_request_id
     OR v_payment.amount_value <> p_amount_value OR v_payment.currency <> p_currency THEN
    v_conflict := format('A notification reports payment %s (request %s) of %s %s; we hold %s (request %s) of %s %s.',
                         p_payment_id, p_payment_request_id, p_amount_value, p_currency,
                         v_payment.payment_id, v_payment.payment_request_id, v_payment.amount_value, v_payment.currency);
    PERFORM payment_flag_conflict(v_payment.payment_id, v_conflict, p_details);
    RETURN QUERY SELECT 'CONFLICT'::"NotificationOutcome", 'paymentId, paymentRequestId, amount or currency differ from ours';
    RETURN;
  END IF;
  IF p_status IS NULL THEN
    RETURN QUERY SELECT 'IGNORED'::"NotificationOutcome", 'Reports no payment state.';
    RETURN;
  END IF;
  IF v_payment.status = p_status THEN
    RETURN QUERY SELECT 'DUPLICATE'::"NotificationOutcome", NULL::text;
    RETURN;
  END IF;
  IF v_payment.status = ANY (p_from_states) THEN
    UPDATE "payments" SET
      "status" = p_status,
      "paid_at" = CASE WHEN p_status = 'SUCCESS' THEN coalesce(p_paid_at, "paid_at", now()) ELSE "paid_at" END,
      "method" = CASE WHEN "method" = 'UNKNOWN' AND p_method IS NOT NULL THEN p_method ELSE "method" END,
      "updated_at" = now()
    WHERE "payment_id" = v_payment.payment_id;
    INSERT INTO "audit_logs" ("id", "actor_type", "action", "payment_id", "details")
    VALUES (uuid_v7(), 'ANTOM', 'payment.status_changed', v_payment.payment_id,
            p_details || jsonb_build_object('from', v_payment.status));
    RETURN QUERY SELECT 'APPLIED'::"NotificationOutcome", NULL::text;
    RETURN;
  END IF;
  IF NOT p_status_is_final THEN
    RETURN QUERY SELECT 'IGNORED'::"NotificationOutcome",
      format('Notified %s after %s: a payment never goes back.', p_status, v_payment.status);
    RETURN;
  END IF;
  v_conflict := format('Antom notified %s but this payment is %s.', p_status, v_payment.status);
  PERFORM payment_flag_conflict(v_payment.payment_id, v_conflict, p_details);
  RETURN QUERY SELECT 'CONFLICT'::"NotificationOutcome", format('notified %s, payment is %s', p_status, v_payment.status);
END $$;

-- A stored notifyPayment applied again (the worker replays those left PENDING): settled, and its
-- outcome recorded on the row.
CREATE FUNCTION "payment_notification_apply"(
  p_notification_id uuid,
  p_payment_id text,
  p_payment_request_id text,
  p_amount_value integer,
  p_currency text,
  p_status "PaymentStatus",
  p_status_is_final boolean,
  p_from_states "PaymentStatus"[],
  p_channel "Channel",
  p_method text,
  p_created_at timestamptz,
  p_paid_at timestamptz,
  p_details jsonb
) RETURNS TABLE (outcome text, note text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_outcome "NotificationOutcome";
  v_note text;
BEGIN
  SELECT s.outcome, s.note INTO v_outcome, v_note
    FROM payment_notification_settle(p_payment_id, p_payment_request_id, p_amount_value, p_currency, p_status,
                                     p_status_is_final, p_from_states, p_channel, p_method, p_created_at, p_paid_at,
                                     p_details) s;
  UPDATE "notifications" SET "outcome" = v_outcome, "processed_at" = now(), "note" = v_note
   WHERE "id" = p_notification_id;
  RETURN QUERY SELECT v_outcome::text, v_note;
END $$;

-- A verified notifyPayment from the webhook: settled, then stored with its outcome, in one call. If
-- settling fails, what it did is rolled back and the notification is stored PENDING (the worker
-- replays those), with the error returned for the log: a notification we acknowledge is never lost.
CREATE FUNCTION "payment_notification_receive"(
  p_path text,
  p_headers jsonb,
  p_raw_body text,
  p_notify_type text,
  p_payment_id text,
  p_payment_request_id text,
  p_amount_value integer,
  p_currency text,
  p_status "PaymentStatus",
  p_status_is_final boolean,
  p_from_states "PaymentStatus"[],
  p_channel "Channel",
  p_method text,
  p_created_at timestamptz,
  p_paid_at timestamptz,
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
      FROM payment_notification_settle(p_payment_id, p_payment_request_id, p_amount_value, p_currency, p_status,
                                       p_status_is_final, p_from_states, p_channel, p_method, p_created_at, p_paid_at,
                                       p_details) s;
  EXCEPTION WHEN OTHERS THEN
    -- Rolls back only this block (a subtransaction): the payment is as it was.
    v_outcome := 'PENDING';
    v_note := NULL;
    v_error := SQLERRM;
  END;
  INSERT INTO "notifications" ("id", "path", "headers", "raw_body", "signature_verdict", "kind", "notify_type",
                               "payment_id", "payment_request_id", "payment_status", "outcome", "processed_at", "note")
  VALUES (v_id, p_path, p_headers, p_raw_body, 'VALID', 'PAYMENT', p_notify_type, p_payment_id, p_payment_request_id,
          p_status::text, v_outcome, CASE WHEN v_outcome = 'PENDING' THEN NULL ELSE now() END, v_note);
  RETURN QUERY SELECT v_id, v_outcome::text, v_note, v_error;
END $$;
