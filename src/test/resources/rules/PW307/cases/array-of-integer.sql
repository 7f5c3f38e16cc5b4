-- case: integer[] holds values, not keys that run out
-- expect: not raised
CREATE TABLE reviews (id bigint PRIMARY KEY, scores integer[]);
