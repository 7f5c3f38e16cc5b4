CREATE INDEX CONCURRENTLY events_narrow_idx ON events (a, b) INCLUDE (c, d);
