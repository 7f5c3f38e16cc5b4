-- case: pg_catalog.timestamp is timestamp without time zone
-- expect: raised
CREATE TABLE reviews (id bigint PRIMARY KEY, created_at pg_catalog.timestamp);
