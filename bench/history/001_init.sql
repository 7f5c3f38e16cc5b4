-- Ledgerly: first schema (2019-03). Accounts, users, customers, invoices.
BEGIN;

CREATE TABLE accounts (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id),
    email       text NOT NULL,
    password    text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_account_id_idx ON users (account_id);

CREATE TABLE customers (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES accounts (id),
    name        text NOT NULL,
    email       text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_account_id_idx ON customers (account_id);

CREATE TABLE invoices (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES accounts (id),
    customer_id  bigint NOT NULL REFERENCES customers (id),
    number       integer NOT NULL,
    issued_on    date NOT NULL DEFAULT current_date,
    due_on       date,
    total_cents  integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX invoices_account_number_key ON invoices (account_id, number);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);

COMMIT;
