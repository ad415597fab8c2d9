-- CreateIndex
CREATE INDEX "audit_logs_at_id_idx" ON "audit_logs"("at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_logs_action_at_id_idx" ON "audit_logs"("action", "at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "notifications_refund_id_received_at_idx" ON "notifications"("refund_id", "received_at");

-- CreateIndex
CREATE INDEX "payments_status_created_at_payment_id_idx" ON "payments"("status", "created_at" DESC, "payment_id" DESC);

-- CreateIndex
CREATE INDEX "payments_method_created_at_payment_id_idx" ON "payments"("method", "created_at" DESC, "payment_id" DESC);

-- CreateIndex
CREATE INDEX "payments_channel_created_at_payment_id_idx" ON "payments"("channel", "created_at" DESC, "payment_id" DESC);

-- CreateIndex
CREATE INDEX "payments_currency_created_at_payment_id_amount_value_idx" ON "payments"("currency", "created_at" DESC, "payment_id" DESC, "amount_value");

-- CreateIndex
CREATE INDEX "payments_currency_amount_value_idx" ON "payments"("currency", "amount_value");

-- CreateIndex
CREATE INDEX "refunds_status_created_at_refund_request_id_idx" ON "refunds"("status", "created_at" DESC, "refund_request_id" DESC);

-- CreateIndex
CREATE INDEX "refunds_requested_by_id_created_at_refund_request_id_idx" ON "refunds"("requested_by_id", "created_at" DESC, "refund_request_id" DESC);

-- CreateIndex
CREATE INDEX "refunds_result_code_created_at_refund_request_id_idx" ON "refunds"("result_code", "created_at" DESC, "refund_request_id" DESC);

-- CreateIndex
CREATE INDEX "refunds_attention_reason_idx" ON "refunds"("attention_reason");
