ALTER TABLE invoices ADD COLUMN sent_at timestamptz;
UPDATE invoices SET sent_at = updated_at WHERE status IN ('sent', 'paid') AND sent_at IS NULL;
