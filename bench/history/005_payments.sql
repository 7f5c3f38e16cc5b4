BEGIN;

CREATE TABLE payments (
    id            bigserial PRIMARY KEY,
    invoice_id    bigint NOT NULL REFERENCES invoices (id),
    amount_cents  integer NOT NULL CHECK (amount_cents > 0),
    paid_at       timestamptz NOT NULL DEFAULT now(),
    method        text NOT NULL DEFAULT 'card'
);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);

COMMIT;
