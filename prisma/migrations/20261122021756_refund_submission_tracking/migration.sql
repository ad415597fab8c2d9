-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "synced_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "last_checked_at" TIMESTAMPTZ(3),
ADD COLUMN     "not_found_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "submit_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "submitted_at" TIMESTAMPTZ(3);
