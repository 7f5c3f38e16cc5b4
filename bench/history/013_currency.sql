-- Multi-currency (2019-11). Every existing account invoiced in EUR.
BEGIN;

ALTER TABLE accounts ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';
ALTER TABLE invoices ADD COLUMN currency char(3);
UPDATE invoices i SET currency = a.currency FROM accounts a WHERE a.id = i.account_id;
ALTER TABLE invoices ALTER COLUMN currency SET NOT NULL;

COMMIT;
