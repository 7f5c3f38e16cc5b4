BEGIN;

CREATE TABLE customer_contacts (
    id           bigserial PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name         text NOT NULL,
    email        text NOT NULL,
    is_billing   boolean NOT NULL DEFAULT false
);
CREATE INDEX customer_contacts_customer_id_idx ON customer_contacts (customer_id);

INSERT INTO customer_contacts (customer_id, name, email, is_billing)
SELECT id, name, email, true FROM customers WHERE email IS NOT NULL;

COMMIT;
