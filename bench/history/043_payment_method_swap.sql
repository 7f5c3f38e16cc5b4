BEGIN;
SET LOCAL lock_timeout = '3s';

ALTER TABLE payments DROP COLUMN method;
ALTER TABLE payments RENAME COLUMN method_new TO method;
ALTER TABLE payments ALTER COLUMN method SET DEFAULT 'card';

COMMIT;
