-- case: detaching a partition of a partitioned table created earlier in the file is not flagged
-- expect: not raised
CREATE TABLE events_new (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_new_2024 PARTITION OF events_new FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE events_new DETACH PARTITION events_new_2024;
