-- Keep invoices.total_cents in step with its lines (2019-06).
BEGIN;

CREATE OR REPLACE FUNCTION recompute_invoice_total(p_invoice_id bigint) RETURNS void
    LANGUAGE sql AS $$
    UPDATE invoices
       SET total_cents = coalesce((SELECT sum(round(quantity * unit_price_cents))::integer
                                     FROM invoice_lines
                                    WHERE invoice_id = p_invoice_id), 0)
     WHERE id = p_invoice_id;
$$;

CREATE OR REPLACE FUNCTION invoice_lines_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM recompute_invoice_total(OLD.invoice_id);
        RETURN OLD;
    END IF;
    PERFORM recompute_invoice_total(NEW.invoice_id);
    RETURN NEW;
END;
$$;

CREATE TRIGGER invoice_lines_total AFTER INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE PROCEDURE invoice_lines_changed();

COMMIT;
