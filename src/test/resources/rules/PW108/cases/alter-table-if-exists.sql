-- case: ALTER TABLE IF EXISTS on an existing table builds the index all the same
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE IF EXISTS articles_article ADD CONSTRAINT articles_slug_key UNIQUE (slug);
