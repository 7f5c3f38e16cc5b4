-- case: a default partition created earlier in the file holds no rows to scan
-- expect: not raised
CREATE TABLE events_rest PARTITION OF events DEFAULT;
CREATE TABLE events_2027 (LIKE events);
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
