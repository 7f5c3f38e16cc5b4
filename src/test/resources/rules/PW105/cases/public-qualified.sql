-- case: public.events is events
-- expect: raised
ALTER TABLE public.events DETACH PARTITION public.events_2024;
