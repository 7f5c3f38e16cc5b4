-- case: ALTER TABLE IF EXISTS on an existing table scans all the same
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE IF EXISTS articles_article ALTER COLUMN summary SET NOT NULL;
