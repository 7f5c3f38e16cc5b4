-- case: timestamp(3) is timestamp without time zone
-- expect: raised
CREATE TABLE reviews (id bigint PRIMARY KEY, created_at timestamp(3));
