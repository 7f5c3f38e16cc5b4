-- The same for invoices, the zero-downtime way this time: a new column, a trigger, a backfill.
BEGIN;

ALTER TABLE invoices ADD COLUMN total_cents_new bigint;

CREATE OR REPLACE FUNCTION invoices_copy_total() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.total_cents_new := NEW.total_cents;
    RETURN NEW;
END;
$$;

CREATE TRIGGER invoices_copy_total BEFORE INSERT OR UPDATE ON invoices
    FOR EACH ROW EXECUTE PROCEDURE invoices_copy_total();

COMMIT;
