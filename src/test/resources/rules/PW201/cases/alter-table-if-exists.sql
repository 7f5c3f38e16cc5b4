-- case: ALTER TABLE IF EXISTS on a declared table waits for its lock all the same
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE IF EXISTS articles_article ADD COLUMN headline text;
