-- case: DROP COLUMN IF EXISTS of a column the declared table does not have does nothing
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article DROP COLUMN IF EXISTS summary;
