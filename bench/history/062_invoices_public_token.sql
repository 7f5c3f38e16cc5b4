-- Links customers can open without logging in.
ALTER TABLE invoices ADD COLUMN public_token uuid;
