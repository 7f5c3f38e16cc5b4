CREATE TABLE events (id bigint, created_at timestamptz NOT NULL, kind text) PARTITION BY RANGE (created_at);
CREATE TABLE events_other PARTITION OF events DEFAULT;
ALTER TABLE events_other ADD CONSTRAINT events_other_excludes_2027 CHECK (NOT (created_at >= '2027-01-01' AND created_at < '2028-01-01'));
CREATE TABLE events_2027 (id bigint, created_at timestamptz NOT NULL, kind text);
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_bound CHECK (created_at >= '2027-01-01' AND created_at < '2028-01-01');
