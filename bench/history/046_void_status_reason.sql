ALTER TABLE invoices ADD COLUMN void_reason text;
ALTER TABLE invoices ADD COLUMN voided_at timestamptz;
