-- case: public.articles_tag is the table created earlier in the file
-- expect: not raised
CREATE TABLE articles_tag (id bigint PRIMARY KEY, name text);
ALTER TABLE public.articles_tag ADD CONSTRAINT articles_tag_name_check CHECK (name <> '');
