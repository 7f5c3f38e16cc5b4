-- case: "Events_2027" created in the file is not events_2027, which exists
-- expect: raised
CREATE TABLE "Events_2027" (LIKE events);
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
