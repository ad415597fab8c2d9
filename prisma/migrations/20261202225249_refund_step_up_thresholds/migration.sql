-- Step-up for large refunds (issue 14): per currency, the amount above which a refund asks a person
-- with a second factor for a fresh code. Set by an admin (Settings), every change audited.
-- CreateTable
CREATE TABLE "step_up_thresholds" (
    "currency" CHAR(3) NOT NULL,
    "amount_value" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,

    CONSTRAINT "step_up_thresholds_pkey" PRIMARY KEY ("currency"),
    CONSTRAINT "step_up_thresholds_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "step_up_thresholds_amount_value_check" CHECK ("amount_value" >= 0)
);
