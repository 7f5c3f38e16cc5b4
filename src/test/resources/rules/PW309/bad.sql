CREATE TABLE reviews (id bigint PRIMARY KEY, title varchar(200));
