BEGIN;

CREATE TABLE credit_notes (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES accounts (id),
    invoice_id    bigint NOT NULL REFERENCES invoices (id),
    number        integer NOT NULL,
    amount_cents  integer NOT NULL,
    reason        text,
    issued_on     date NOT NULL DEFAULT current_date
);
CREATE UNIQUE INDEX credit_notes_account_number_key ON credit_notes (account_id, number);
CREATE INDEX credit_notes_invoice_id_idx ON credit_notes (invoice_id);

CREATE TRIGGER credit_notes_audit AFTER INSERT OR UPDATE OR DELETE ON credit_notes
    FOR EACH ROW EXECUTE PROCEDURE audit_row();

COMMIT;
