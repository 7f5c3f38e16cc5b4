CREATE TABLE metrics (name text NOT NULL, value double precision) PARTITION BY LIST (name);
CREATE TABLE metrics_a PARTITION OF metrics FOR VALUES IN ('a');
CREATE TABLE metrics_c (name text NOT NULL, value double precision);
ALTER TABLE metrics_c ADD CONSTRAINT metrics_c_name CHECK (name IN ('c'));
