-- Notifications keep the whole path they were posted to: a replay verifies Antom's signature against it
-- again, and a path cut to 128 characters would never verify (issue 11, rule 8).
-- AlterTable
ALTER TABLE "notifications" ALTER COLUMN "path" SET DATA TYPE TEXT;
