-- The merchant is never left without an active admin (issue 14, gap 9), whatever the code does:
-- demoting, deactivating or deleting the last active ADMIN is refused by the database. Changes to
-- admins are serialised by a transaction-scoped advisory lock taken before the check, so two admins
-- demoting each other at once cannot both succeed: the second waits for the first to commit, then
-- its check (a new snapshot under READ COMMITTED) sees the first's change.
CREATE FUNCTION "users_keep_an_active_admin"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."role" = 'ADMIN' AND OLD."active"
     AND (TG_OP = 'DELETE' OR NOT (NEW."role" = 'ADMIN' AND NEW."active")) THEN
    PERFORM pg_advisory_xact_lock(7300043);
    IF NOT EXISTS (SELECT 1 FROM "users" WHERE "role" = 'ADMIN' AND "active") THEN
      RAISE EXCEPTION 'the last active admin cannot be demoted, deactivated or removed'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'users_keep_an_active_admin';
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "users_keep_an_active_admin" AFTER UPDATE OF "role", "active" OR DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "users_keep_an_active_admin"();
