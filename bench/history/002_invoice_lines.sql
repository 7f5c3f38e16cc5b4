BEGIN;

CREATE TABLE invoice_lines (
    id              bigserial PRIMARY KEY,
    invoice_id      bigint NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    description     text NOT NULL,
    quantity        numeric(12, 3) NOT NULL DEFAULT 1,
    unit_price_cents integer NOT NULL,
    position        smallint NOT NULL
);
CREATE INDEX invoice_lines_invoice_id_idx ON invoice_lines (invoice_id);

COMMIT;
