-- A report's rows by day, without an index entry per row (written by hand: see schema.prisma).
-- The btree on (kind, report_date, transaction_type) took one entry and one WAL record for each of the
-- million PAYMENT rows of a day's report, all with the same key. A day's rows are written together by
-- one COPY, so they sit together in the table: a BRIN index on report_date (one summary per 128 pages,
-- kept up by autovacuum: autosummarize) finds them, and a btree on the few rows that are not payments
-- (refunds, cancels, others) finds those by kind, day and type.
DROP INDEX "antom_report_rows_kind_report_date_transaction_type_idx";

CREATE INDEX "antom_report_rows_report_date_idx" ON "antom_report_rows" USING BRIN ("report_date")
  WITH (autosummarize = on);

CREATE INDEX "antom_report_rows_not_payment_idx" ON "antom_report_rows" ("kind", "report_date", "transaction_type")
  WHERE "transaction_type" <> 'PAYMENT';
