BEGIN;

CREATE OR REPLACE FUNCTION payments_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    v_invoice bigint := coalesce(NEW.invoice_id, OLD.invoice_id);
BEGIN
    UPDATE invoices i
       SET paid_cents = coalesce((SELECT sum(amount_cents) FROM payments WHERE invoice_id = v_invoice), 0),
           status = CASE
               WHEN i.status = 'void' THEN i.status
               WHEN coalesce((SELECT sum(amount_cents) FROM payments WHERE invoice_id = v_invoice), 0) >= i.total_cents THEN 'paid'
               WHEN coalesce((SELECT sum(amount_cents) FROM payments WHERE invoice_id = v_invoice), 0) > 0 THEN 'partially_paid'
               ELSE i.status
           END
     WHERE i.id = v_invoice;
    RETURN NULL;
END;
$$;

CREATE TRIGGER payments_invoice_status AFTER INSERT OR UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_changed();

COMMIT;
