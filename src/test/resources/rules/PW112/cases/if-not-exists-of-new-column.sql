-- case: ADD COLUMN IF NOT EXISTS of a column the table lacks adds it and fails on the existing rows
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS headline text NOT NULL;
