CREATE TABLE reviews (id bigint PRIMARY KEY, grade char(1));
