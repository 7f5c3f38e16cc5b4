-- case: time is not timestamp, another rule's business
-- expect: not raised
CREATE TABLE reviews (id bigint PRIMARY KEY, opens_at time);
