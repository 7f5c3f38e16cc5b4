-- DETACH PARTITION becomes DETACH ... CONCURRENTLY on PostgreSQL 14 and later; kept as written before.
-- setup
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO events SELECT g, date '2025-06-01' + (g % 400), 'k' FROM generate_series(1, 500) g;
-- added: events_2025_at_check from 14
-- migration
ALTER TABLE events DETACH PARTITION events_2025;
