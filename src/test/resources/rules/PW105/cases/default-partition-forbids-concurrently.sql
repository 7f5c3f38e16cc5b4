-- case: with a default partition PostgreSQL refuses DETACH PARTITION CONCURRENTLY: there is nothing better to offer
-- expect: not raised
-- schema: schema-default-partition.sql
ALTER TABLE events DETACH PARTITION events_2024;
