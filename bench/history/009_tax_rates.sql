BEGIN;

CREATE TABLE tax_rates (
    id          serial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id),
    name        text NOT NULL,
    percent     numeric(5, 2) NOT NULL
);
ALTER TABLE invoice_lines ADD COLUMN tax_rate_id integer REFERENCES tax_rates (id);

COMMIT;
