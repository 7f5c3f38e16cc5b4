-- case: a validated CHECK matching the bound, declared in the schema, lets ATTACH skip the scan
-- expect: not raised
-- schema: schema-events.sql
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
