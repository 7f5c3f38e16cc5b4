-- case: public.articles_article is the declared table articles_article
-- expect: raised
-- schema: schema-articles.sql
REINDEX TABLE public.articles_article;
