BEGIN;

CREATE TYPE invoice_status AS ENUM ('draft', 'sent', 'paid', 'void');
ALTER TABLE invoices ADD COLUMN status invoice_status NOT NULL DEFAULT 'draft';
CREATE INDEX invoices_status_idx ON invoices (account_id, status);

COMMIT;
