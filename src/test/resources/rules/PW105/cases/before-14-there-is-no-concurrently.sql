-- case: DETACH PARTITION CONCURRENTLY exists from PostgreSQL 14: on 13 there is nothing better to offer
-- expect: not raised
-- pg-version: 13
ALTER TABLE events DETACH PARTITION events_2024;
