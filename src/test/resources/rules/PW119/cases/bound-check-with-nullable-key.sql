-- case: the bound CHECK lets rows with a NULL created_at in, which the partition may not hold: ATTACH scans unless the column is NOT NULL
-- expect: raised
-- schema: schema-nullable-key.sql
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
