-- case: ADD COLUMN IF NOT EXISTS of a column the table lacks adds it and builds the UNIQUE index
-- expect: raised
-- schema: schema-articles.sql
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS code text UNIQUE;
