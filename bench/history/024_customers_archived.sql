ALTER TABLE customers ADD COLUMN archived_at timestamptz;
CREATE INDEX CONCURRENTLY customers_active_idx ON customers (account_id) WHERE archived_at IS NULL;
