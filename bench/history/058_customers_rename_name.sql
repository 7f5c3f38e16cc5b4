-- "name" was ambiguous next to contacts' names: it is the company's name.
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE customers RENAME COLUMN name TO company_name;
CREATE VIEW customers_v1 AS SELECT id, account_id, company_name AS name, email, created_at FROM customers;
COMMIT;
