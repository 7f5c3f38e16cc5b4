CREATE INDEX CONCURRENTLY events_wide_idx ON events (a, b, c, d);
