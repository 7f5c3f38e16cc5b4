-- case: the bound's constants on a column that is not the partition key prove nothing: ATTACH scans
-- expect: raised
-- schema: schema-unrelated-checks.sql
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_amount_range CHECK (amount >= 1 AND amount < 100);
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM (1) TO (100);
