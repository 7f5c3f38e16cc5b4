-- case: public.articles_tag is the table created earlier in the file
-- expect: not raised
CREATE TABLE articles_tag (id bigint, name text);
ALTER TABLE public.articles_tag ADD PRIMARY KEY (id);
