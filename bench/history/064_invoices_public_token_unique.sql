CREATE UNIQUE INDEX CONCURRENTLY invoices_public_token_key ON invoices (public_token);
ALTER TABLE invoices ADD CONSTRAINT invoices_public_token_key UNIQUE USING INDEX invoices_public_token_key;
ALTER TABLE invoices ALTER COLUMN public_token SET DEFAULT gen_random_uuid();
