CREATE TABLE reviews (id bigint PRIMARY KEY, grade text);
