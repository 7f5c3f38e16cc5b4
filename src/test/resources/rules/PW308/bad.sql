CREATE TABLE reviews (id bigserial PRIMARY KEY);
