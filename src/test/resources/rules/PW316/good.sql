CREATE TABLE short_name (id bigint);
