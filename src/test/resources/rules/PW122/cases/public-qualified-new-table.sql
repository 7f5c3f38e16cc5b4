-- case: public.articles_tag is the table created earlier in the file
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
UPDATE public.articles_tag SET name = lower(name);
