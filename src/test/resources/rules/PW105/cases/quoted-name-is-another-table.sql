-- case: "Events" created in the file is not events, which exists
-- expect: raised
CREATE TABLE "Events" (id bigint, created_at timestamptz NOT NULL) PARTITION BY RANGE (created_at);
ALTER TABLE events DETACH PARTITION events_2024;
