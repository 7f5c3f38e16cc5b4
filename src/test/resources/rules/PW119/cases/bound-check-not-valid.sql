-- case: a bound CHECK added NOT VALID and never validated proves nothing: ATTACH scans
-- expect: raised
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_bound CHECK (created_at >= '2027-01-01' AND created_at < '2028-01-01') NOT VALID;
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
