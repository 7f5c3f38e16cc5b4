BEGIN;
SET LOCAL lock_timeout = '2s';

ALTER TABLE invoices ADD CONSTRAINT invoices_total_new_not_null CHECK (total_cents_new IS NOT NULL) NOT VALID;
COMMIT;

ALTER TABLE invoices VALIDATE CONSTRAINT invoices_total_new_not_null;

BEGIN;
SET LOCAL lock_timeout = '2s';
DROP TRIGGER invoices_copy_total ON invoices;
DROP FUNCTION invoices_copy_total();
ALTER TABLE invoices RENAME COLUMN total_cents TO total_cents_old;
ALTER TABLE invoices RENAME COLUMN total_cents_new TO total_cents;
COMMIT;
