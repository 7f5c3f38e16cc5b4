-- case: attaching a partition created in the file still scans the default partition, which holds rows, for rows of the new bound
-- expect: raised
-- schema: schema-default-partition.sql
CREATE TABLE events_2027 (LIKE events);
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
