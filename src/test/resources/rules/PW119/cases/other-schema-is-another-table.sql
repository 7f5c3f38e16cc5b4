-- case: archive.events_2027 has no bound check: only events_2027 has
-- expect: raised
-- schema: schema-events.sql
ALTER TABLE events ATTACH PARTITION archive.events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
