-- case: timestamp[] holds zone-less readings too
-- expect: raised
CREATE TABLE reviews (id bigint PRIMARY KEY, seen_at timestamp[]);
