ALTER TABLE customers ADD COLUMN tax_id text;
ALTER TABLE customers ADD COLUMN tax_exempt boolean NOT NULL DEFAULT false;
