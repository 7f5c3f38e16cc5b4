BEGIN;

CREATE TABLE products (
    id               bigserial PRIMARY KEY,
    account_id       bigint NOT NULL REFERENCES accounts (id),
    sku              text,
    name             text NOT NULL,
    unit_price_cents integer NOT NULL,
    archived         boolean NOT NULL DEFAULT false
);
CREATE INDEX products_account_id_idx ON products (account_id);
CREATE UNIQUE INDEX products_account_sku_key ON products (account_id, sku) WHERE sku IS NOT NULL;

ALTER TABLE invoice_lines ADD COLUMN product_id bigint REFERENCES products (id);

COMMIT;
