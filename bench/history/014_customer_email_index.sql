CREATE INDEX customers_email_idx ON customers (account_id, lower(email));
