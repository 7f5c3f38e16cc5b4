-- Who changed what: a generic audit table, filled by a trigger on the money tables.
BEGIN;

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    table_name  text NOT NULL,
    row_id      bigint NOT NULL,
    action      text NOT NULL,
    changed_by  text NOT NULL DEFAULT current_user,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    old_row     json,
    new_row     json
);

CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, old_row, new_row)
    VALUES (TG_TABLE_NAME,
            CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
            TG_OP,
            CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN row_to_json(OLD) END,
            CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN row_to_json(NEW) END);
    RETURN NULL;
END;
$$;

CREATE TRIGGER invoices_audit AFTER INSERT OR UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE PROCEDURE audit_row();
CREATE TRIGGER payments_audit AFTER INSERT OR UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE PROCEDURE audit_row();

COMMIT;
