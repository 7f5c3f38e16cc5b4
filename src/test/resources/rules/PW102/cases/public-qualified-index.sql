-- case: public.articles_title_idx is the declared index articles_title_idx
-- expect: raised
DROP INDEX public.articles_title_idx;
