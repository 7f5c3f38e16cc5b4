-- case: ALTER TABLE IF EXISTS on an existing partitioned table detaches under ACCESS EXCLUSIVE all the same
-- expect: raised
ALTER TABLE IF EXISTS events DETACH PARTITION events_2024;
