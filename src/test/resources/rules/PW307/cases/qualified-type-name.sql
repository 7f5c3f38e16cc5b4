-- case: pg_catalog.int4 is integer
-- expect: raised
CREATE TABLE reviews (id bigint PRIMARY KEY, score pg_catalog.int4);
