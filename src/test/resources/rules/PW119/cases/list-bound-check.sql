-- case: a validated CHECK (name IN ('c')) proves the list bound IN ('c'): ATTACH skips the scan
-- expect: not raised
-- schema: schema-metrics.sql
ALTER TABLE metrics ATTACH PARTITION metrics_c FOR VALUES IN ('c');
