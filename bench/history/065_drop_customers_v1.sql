-- The mobile app 3.x no longer reads the old view.
DROP VIEW IF EXISTS customers_v1;
ALTER TABLE customers DROP COLUMN IF EXISTS email;
