CREATE INDEX CONCURRENTLY payments_account_paid_at_idx ON payments (account_id, paid_at);
