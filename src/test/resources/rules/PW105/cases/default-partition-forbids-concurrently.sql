-- case: with a default partition PostgreSQL refuses DETACH PARTITION CONCURRENTLY; the plain form's lock on the parent is still reported (its fix keeps the wait short instead)
-- expect: raised
-- schema: schema-default-partition.sql
ALTER TABLE events DETACH PARTITION events_2024;
