-- Partially paid invoices (2022-02). ADD VALUE cannot run inside a transaction block before PG 12.
ALTER TYPE invoice_status ADD VALUE IF NOT EXISTS 'partially_paid' AFTER 'sent';
