-- case: a validated CHECK on another column (amount > 0) says nothing about the bound: ATTACH scans the partition, and the default partition, whose check is unrelated too
-- expect: raised 2
-- schema: schema-unrelated-checks.sql
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
