-- case: dropping a column added earlier in the file loses no data and breaks no deployed code
-- expect: not raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN tmp text;
ALTER TABLE articles_article DROP COLUMN tmp;
