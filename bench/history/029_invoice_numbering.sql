-- Gap-free invoice numbers per account, instead of max(number) + 1 in the application.
BEGIN;

CREATE TABLE invoice_counters (
    account_id  bigint PRIMARY KEY REFERENCES accounts (id),
    last_number integer NOT NULL DEFAULT 0
);

INSERT INTO invoice_counters (account_id, last_number)
SELECT account_id, max(number) FROM invoices GROUP BY account_id
ON CONFLICT (account_id) DO NOTHING;

CREATE OR REPLACE FUNCTION next_invoice_number(p_account_id bigint) RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    INSERT INTO invoice_counters (account_id, last_number) VALUES (p_account_id, 1)
    ON CONFLICT (account_id) DO UPDATE SET last_number = invoice_counters.last_number + 1
    RETURNING last_number INTO n;
    RETURN n;
END;
$$;

COMMIT;
