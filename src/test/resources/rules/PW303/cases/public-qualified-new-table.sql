-- case: public.scratch is the table created earlier in the file
-- expect: not raised
CREATE TABLE scratch (id bigint, tmp text);
ALTER TABLE public.scratch DROP COLUMN tmp;
