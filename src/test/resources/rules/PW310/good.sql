CREATE TABLE reviews (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);
