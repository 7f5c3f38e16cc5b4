-- One trigger function for every table with an updated_at column.
BEGIN;

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

ALTER TABLE customers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE invoices ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TRIGGER customers_updated_at BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE PROCEDURE set_updated_at();
CREATE TRIGGER invoices_updated_at BEFORE UPDATE ON invoices
    FOR EACH ROW EXECUTE PROCEDURE set_updated_at();

COMMIT;
