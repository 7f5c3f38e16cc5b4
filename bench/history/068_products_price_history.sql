BEGIN;

CREATE TABLE product_prices (
    product_id       bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    valid_from       timestamptz NOT NULL DEFAULT now(),
    unit_price_cents bigint NOT NULL,
    PRIMARY KEY (product_id, valid_from)
);

INSERT INTO product_prices (product_id, valid_from, unit_price_cents)
SELECT id, '2019-01-01', unit_price_cents FROM products;

CREATE OR REPLACE FUNCTION products_price_history() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.unit_price_cents IS DISTINCT FROM OLD.unit_price_cents THEN
        INSERT INTO product_prices (product_id, unit_price_cents) VALUES (NEW.id, NEW.unit_price_cents);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER products_price_history AFTER UPDATE OF unit_price_cents ON products
    FOR EACH ROW EXECUTE FUNCTION products_price_history();

COMMIT;
