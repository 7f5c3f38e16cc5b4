-- json -> jsonb for the audit log (2020-04): rewrites the table, done in the maintenance window.
BEGIN;
SET LOCAL lock_timeout = '5s';

ALTER TABLE audit_log ALTER COLUMN old_row TYPE jsonb USING old_row::jsonb;
ALTER TABLE audit_log ALTER COLUMN new_row TYPE jsonb USING new_row::jsonb;

COMMIT;
