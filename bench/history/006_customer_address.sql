ALTER TABLE customers
    ADD COLUMN address_line1 text,
    ADD COLUMN address_line2 text,
    ADD COLUMN city text,
    ADD COLUMN postal_code text,
    ADD COLUMN country char(2);
