-- case: public.articles_tag is articles_tag under the default search_path: a new table
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
CREATE INDEX articles_tag_name_idx ON public.articles_tag (name);
