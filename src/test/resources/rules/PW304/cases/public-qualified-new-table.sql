-- case: public.scratch is the table created earlier in the file
-- expect: not raised
CREATE TABLE scratch (id bigint);
DROP TABLE public.scratch;
