CREATE TABLE events (id bigint, created_at timestamptz, kind text) PARTITION BY RANGE (created_at);
CREATE TABLE events_2027 (id bigint, created_at timestamptz, kind text);
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_bound CHECK (created_at >= '2027-01-01' AND created_at < '2028-01-01');
