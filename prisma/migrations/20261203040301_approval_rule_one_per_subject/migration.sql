-- One approval rule in force per subject (issue 16): per currency for "above an amount", per person for
-- "every refund by", one "every refund". lib/approvals/rules.ts changes a rule by closing its version
-- and writing the next; these make two admins saving at once a refusal, not two rules for one thing.
-- Partial indexes, written by hand: the schema language cannot express them without a preview feature.
CREATE UNIQUE INDEX "approval_rules_one_amount_per_currency" ON "approval_rules"("currency")
  WHERE "kind" = 'AMOUNT_ABOVE' AND "valid_to" IS NULL;
CREATE UNIQUE INDEX "approval_rules_one_per_requester" ON "approval_rules"("user_id")
  WHERE "kind" = 'REQUESTER' AND "valid_to" IS NULL;
CREATE UNIQUE INDEX "approval_rules_one_every_refund" ON "approval_rules"("kind")
  WHERE "kind" = 'EVERY_REFUND' AND "valid_to" IS NULL;
