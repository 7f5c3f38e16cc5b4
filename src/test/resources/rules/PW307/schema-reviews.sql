CREATE TABLE reviews (id bigint PRIMARY KEY, score integer);
