CREATE TABLE reviews (id bigint PRIMARY KEY, meta json);
