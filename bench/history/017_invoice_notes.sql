ALTER TABLE invoices ADD COLUMN notes text;
ALTER TABLE invoices ADD COLUMN footer text;
