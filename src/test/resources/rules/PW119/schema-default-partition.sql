CREATE TABLE events (id bigint, created_at timestamptz NOT NULL, kind text) PARTITION BY RANGE (created_at);
CREATE TABLE events_other PARTITION OF events DEFAULT;
