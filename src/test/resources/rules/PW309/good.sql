CREATE TABLE reviews (id bigint PRIMARY KEY, title text CHECK (length(title) <= 200));
