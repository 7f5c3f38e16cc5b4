-- case: a validated NOT (bound) CHECK on the default partition and the bound CHECK on the partition spare both scans
-- expect: not raised
-- schema: schema-excluding-default.sql
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
