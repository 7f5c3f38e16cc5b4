-- case: ALTER TABLE IF EXISTS on a declared table rewrites it all the same
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE IF EXISTS articles_article SET LOGGED;
