-- case: timestamp without time zone spelled out is flagged
-- expect: raised
CREATE TABLE reviews (id bigint PRIMARY KEY, created_at timestamp without time zone);
