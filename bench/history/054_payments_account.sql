-- Payments get their own account_id so reports need not join invoices (2022-08).
ALTER TABLE payments ADD COLUMN account_id bigint;
