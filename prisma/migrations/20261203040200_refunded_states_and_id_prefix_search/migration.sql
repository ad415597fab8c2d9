-- By hand: expression and partial indexes, which schema.prisma cannot express (see the comments on
-- Payment and Refund there).

-- Search by id (issue 15): ids are matched trimmed and case-insensitively, and a partial id of at least
-- 8 characters finds by prefix. Each of the four ids gets an index on its lower-cased text in "C"
-- order (byte order: a prefix is one contiguous range of it, whatever the database's collation), so
-- an exact match is one probe and a prefix reads at most a page of entries from where the range starts
-- (lib/payments/search-sql.ts).
CREATE INDEX "payments_payment_id_lower_idx" ON "payments" ((lower("payment_id") COLLATE "C"));
CREATE INDEX "payments_payment_request_id_lower_idx" ON "payments" ((lower("payment_request_id") COLLATE "C"));
CREATE INDEX "refunds_refund_id_lower_idx" ON "refunds" ((lower("refund_id") COLLATE "C"));
CREATE INDEX "refunds_refund_request_id_lower_idx" ON "refunds" ((lower("refund_request_id") COLLATE "C"));

-- Partially refunded / Refunded (issue 15): derived from refunded_value, which trigger
-- refunds_hold_amounts keeps under the payment's row lock, so the derived state is exactly as current
-- as the total it comes from, under any concurrency; nothing else is stored. The transactions list's
-- status filter for either reads its own small partial index in list order (keyset, no sort), as the
-- other filters do; "Succeeded" (nothing refunded) reads the status index and skips the refunded few.
-- The predicates are written exactly as lib/payments/queries.ts writes them, so the planner matches them.
CREATE INDEX "payments_partially_refunded_created_at_payment_id_idx" ON "payments" ("created_at" DESC, "payment_id" DESC)
  WHERE "status" = 'SUCCESS' AND "refunded_value" > 0 AND "refunded_value" < "amount_value";
CREATE INDEX "payments_refunded_created_at_payment_id_idx" ON "payments" ("created_at" DESC, "payment_id" DESC)
  WHERE "status" = 'SUCCESS' AND "refunded_value" > 0 AND "refunded_value" >= "amount_value";
