-- CreateTable
CREATE TABLE "refund_volume_changes" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "refund_volume_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refund_volume_zone" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "time_zone" VARCHAR(64),

    CONSTRAINT "refund_volume_zone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "refund_volume_changes_day_status_currency_count_amount_idx" ON "refund_volume_changes"("day", "status", "currency", "count", "amount");

-- The overview's refund volume (issue 15). Summing 30 or 90 days of refunds on each visit read tens of
-- thousands of index entries at a million payments; these rows hold the same sums per local day,
-- status and currency, so the overview reads a few hundred. Each statement on "refunds" appends its
-- net change per group: appending takes no lock that another refund's transaction would wait for
-- (an UPDATE of a shared total row would serialise every refund of the day, and a long report import
-- would hold it). lib/overview/volume.ts reads them, folds them together and rebuilds them.

ALTER TABLE "refund_volume_zone" ADD CONSTRAINT "refund_volume_zone_one_row" CHECK ("id" = 1);
INSERT INTO "refund_volume_zone" ("id", "time_zone") VALUES (1, NULL);

CREATE FUNCTION "refunds_volume_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT "time_zone" FROM "refund_volume_zone" WHERE "id" = 1);
BEGIN
  -- No zone yet: nothing is counted; the first build counts every refund.
  IF zone IS NOT NULL THEN
    INSERT INTO "refund_volume_changes" ("day", "status", "currency", "count", "amount")
    SELECT ("created_at" AT TIME ZONE zone)::date, "status", "currency", count(*), sum("amount_value")
      FROM new_rows GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "refunds_volume_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT "time_zone" FROM "refund_volume_zone" WHERE "id" = 1);
BEGIN
  IF zone IS NOT NULL THEN
    -- Most updates change neither status nor amount: their -1 and +1 cancel and nothing is appended.
    INSERT INTO "refund_volume_changes" ("day", "status", "currency", "count", "amount")
    SELECT "day", "status", "currency", sum("n"), sum("a")
      FROM (SELECT ("created_at" AT TIME ZONE zone)::date AS "day", "status", "currency", -1 AS "n", -"amount_value"::bigint AS "a"
              FROM old_rows
            UNION ALL
            SELECT ("created_at" AT TIME ZONE zone)::date, "status", "currency", 1, "amount_value"::bigint
              FROM new_rows) AS c
     GROUP BY 1, 2, 3
    HAVING sum("n") <> 0 OR sum("a") <> 0;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "refunds_volume_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := (SELECT "time_zone" FROM "refund_volume_zone" WHERE "id" = 1);
BEGIN
  IF zone IS NOT NULL THEN
    INSERT INTO "refund_volume_changes" ("day", "status", "currency", "count", "amount")
    SELECT ("created_at" AT TIME ZONE zone)::date, "status", "currency", -count(*), -sum("amount_value")
      FROM old_rows GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "refunds_volume_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "refund_volume_changes";
  RETURN NULL;
END $$;

CREATE TRIGGER "refunds_volume_insert" AFTER INSERT ON "refunds"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "refunds_volume_insert"();
CREATE TRIGGER "refunds_volume_update" AFTER UPDATE ON "refunds"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "refunds_volume_update"();
CREATE TRIGGER "refunds_volume_delete" AFTER DELETE ON "refunds"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "refunds_volume_delete"();
CREATE TRIGGER "refunds_volume_truncate" AFTER TRUNCATE ON "refunds"
  FOR EACH STATEMENT EXECUTE FUNCTION "refunds_volume_truncate"();

-- Counts every refund again in `zone` (the first time, and when MERCHANT_TIME_ZONE changed). Writers of
-- refunds wait meanwhile (SHARE ROW EXCLUSIVE conflicts with their ROW EXCLUSIVE, and with a second
-- rebuild), so no change falls between the count and the zone the triggers then use.
CREATE FUNCTION "refund_volume_rebuild"(zone text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "refunds" IN SHARE ROW EXCLUSIVE MODE;
  IF (SELECT "time_zone" FROM "refund_volume_zone" WHERE "id" = 1) IS NOT DISTINCT FROM zone THEN
    RETURN false; -- another process built it meanwhile
  END IF;
  DELETE FROM "refund_volume_changes";
  INSERT INTO "refund_volume_changes" ("day", "status", "currency", "count", "amount")
  SELECT ("created_at" AT TIME ZONE zone)::date, "status", "currency", count(*), sum("amount_value")
    FROM "refunds" GROUP BY 1, 2, 3;
  UPDATE "refund_volume_zone" SET "time_zone" = zone WHERE "id" = 1;
  RETURN true;
END $$;

-- Folds the rows of the days `first`..`last` into one per group. Safe beside writers (their rows,
-- not yet committed, are not in this statement's snapshot and stay) and beside another fold (it
-- waits for this one's deleted rows, then skips them: each row is summed by one fold only).
CREATE FUNCTION "refund_volume_compact"(first date, last date) RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM "refund_volume_changes" WHERE "day" BETWEEN first AND last
    RETURNING "day", "status", "currency", "count", "amount"
  ), kept AS (
    INSERT INTO "refund_volume_changes" ("day", "status", "currency", "count", "amount")
    SELECT "day", "status", "currency", sum("count"), sum("amount") FROM gone
     GROUP BY 1, 2, 3 HAVING sum("count") <> 0 OR sum("amount") <> 0
    RETURNING 1
  )
  SELECT count(*)::integer FROM kept;
$$;
