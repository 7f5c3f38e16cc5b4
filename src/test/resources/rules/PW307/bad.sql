CREATE TABLE reviews (id integer PRIMARY KEY, score integer);
