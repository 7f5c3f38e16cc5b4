-- case: public.events_2027 is the declared events_2027 with its validated bound check
-- expect: not raised
-- schema: schema-events.sql
ALTER TABLE public.events ATTACH PARTITION public.events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
