CREATE TABLE reviews (id bigint PRIMARY KEY, created_at timestamp);
