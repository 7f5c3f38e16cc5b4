CREATE TABLE scratch (id bigint);
