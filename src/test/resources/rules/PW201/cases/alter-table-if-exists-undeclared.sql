-- case: ALTER TABLE IF EXISTS on a table nothing declared: it may exist on the server, so Phasewise takes its lock as for any undeclared table
-- expect: raised
-- schema: none
ALTER TABLE IF EXISTS orders DROP COLUMN legacy_code;
