UPDATE invoices SET public_token = gen_random_uuid() WHERE public_token IS NULL;
