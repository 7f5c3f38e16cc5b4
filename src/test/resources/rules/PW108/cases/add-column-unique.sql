-- case: ADD COLUMN ... UNIQUE on an existing table builds the index under ACCESS EXCLUSIVE
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN code text UNIQUE;
