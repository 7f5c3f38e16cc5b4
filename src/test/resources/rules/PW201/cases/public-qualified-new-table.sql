-- case: public.articles_tag is the table created earlier in the file
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY);
ALTER TABLE public.articles_tag ADD COLUMN name text;
