-- case: timestamp with time zone is timestamptz
-- expect: not raised
CREATE TABLE reviews (id bigint PRIMARY KEY, created_at timestamp(3) with time zone);
