CREATE INDEX CONCURRENTLY attachments_invoice_id_idx ON attachments (invoice_id);
CREATE INDEX CONCURRENTLY attachments_account_id_idx ON attachments (account_id, created_at DESC);
