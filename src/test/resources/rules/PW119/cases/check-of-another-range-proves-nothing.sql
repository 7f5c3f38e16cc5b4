-- case: a validated CHECK for the year 2026 does not keep the rows inside 2027: ATTACH scans
-- expect: raised
-- schema: schema-events.sql
ALTER TABLE events_2027 DROP CONSTRAINT events_2027_bound;
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_bound CHECK (created_at >= '2026-01-01' AND created_at < '2027-01-01');
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
