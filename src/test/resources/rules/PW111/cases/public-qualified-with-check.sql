-- case: public.articles_article is the declared table, whose validated CHECK proves the column
-- expect: not raised
-- schema: good-schema.sql
ALTER TABLE public.articles_article ALTER COLUMN summary SET NOT NULL;
