-- DropIndex
DROP INDEX "audit_logs_at_idx";

-- DropIndex
DROP INDEX "refunds_attention_reason_idx";

-- CreateIndex (by hand: a partial index, which schema.prisma cannot express)
-- The refund list's "flagged for a reason" branch reads the few flagged refunds in list order from
-- here and stops at the page's limit, at any depth and with any filter, instead of walking the
-- whole (created_at, refund_request_id) index or sorting every flagged refund. It replaces
-- refunds_attention_reason_idx, which no query used. audit_logs_at_idx is covered by
-- audit_logs_at_id_idx (at DESC, id DESC), which every audit list query uses instead.
CREATE INDEX "refunds_attention_created_at_refund_request_id_idx" ON "refunds"("created_at" DESC, "refund_request_id" DESC) WHERE "attention_reason" IS NOT NULL;
