-- case: DROP COLUMN IF EXISTS of a column the table has drops it
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article DROP COLUMN IF EXISTS legacy_slug;
