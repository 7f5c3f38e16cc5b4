-- case: DETACH PARTITION ... FINALIZE completes an interrupted concurrent detach: it is the concurrent form
-- expect: not raised
ALTER TABLE events DETACH PARTITION events_2024 FINALIZE;
