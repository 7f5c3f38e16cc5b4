CREATE TABLE events (id bigint, created_at timestamptz NOT NULL, kind text, amount integer) PARTITION BY RANGE (created_at);
CREATE TABLE events_other PARTITION OF events DEFAULT;
ALTER TABLE events_other ADD CONSTRAINT events_other_kind CHECK (kind <> '');
CREATE TABLE events_2027 (id bigint, created_at timestamptz NOT NULL, kind text, amount integer);
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_amount CHECK (amount > 0);
