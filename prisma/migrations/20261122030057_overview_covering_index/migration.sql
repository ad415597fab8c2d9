-- CreateIndex
CREATE INDEX "refunds_created_at_status_currency_amount_value_idx" ON "refunds"("created_at", "status", "currency", "amount_value");
