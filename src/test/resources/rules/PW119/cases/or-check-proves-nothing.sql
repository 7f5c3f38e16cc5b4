-- case: a bound CHECK ORed with another condition lets rows outside the bound in: ATTACH scans
-- expect: raised
-- schema: schema-unrelated-checks.sql
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_bound CHECK (created_at >= '2027-01-01' AND created_at < '2028-01-01' OR kind = 'late');
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
