-- Which request or worker job made each Antom call (issue 17): the same id its log lines carry
-- (lib/ops/request-context.ts), so an operator goes from a log line to the calls and back.
-- AlterTable
ALTER TABLE "antom_calls" ADD COLUMN     "request_id" VARCHAR(64);
