SET lock_timeout = '3s';
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_amount_not_null CHECK (amount_cents IS NOT NULL) NOT VALID;
ALTER TABLE invoice_lines VALIDATE CONSTRAINT invoice_lines_amount_not_null;
