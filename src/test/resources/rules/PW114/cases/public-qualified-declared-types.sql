-- case: public.articles_article is the declared table: its varchar(200) widens without a rewrite
-- expect: not raised
ALTER TABLE public.articles_article ALTER COLUMN title TYPE varchar(300);
