-- Issue 14, gap 7: a session's idle time counts from the person's last request, kept on the server;
-- a page's own refreshes (the payment page re-renders every 3 s while a refund moves) do not count.
-- AlterTable
ALTER TABLE "auth_sessions" ADD COLUMN     "last_active_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
