-- case: on PostgreSQL 14 the plain DETACH PARTITION is flagged: CONCURRENTLY exists
-- expect: raised
-- pg-version: 14
ALTER TABLE events DETACH PARTITION events_2024;
