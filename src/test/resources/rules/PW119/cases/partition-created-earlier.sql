-- case: attaching a table created earlier in the file scans no rows
-- expect: not raised
CREATE TABLE events_2027 (LIKE events);
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
